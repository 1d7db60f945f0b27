import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLoginSites } from '../../src/domain/login-site.js';
import { redactSecrets } from '../../src/domain/redact.js';
import { jobSiteLogin } from '../support/harness.js';

test('reads the login settings of every site that has them', () => {
  const sites = parseLoginSites({
    sites: { jobboard: jobSiteLogin('http://127.0.0.1:4010'), 'public-board': { baseUrl: 'https://example.org' } },
  });
  assert.deepEqual([...sites.keys()], ['jobboard']);
  const site = sites.get('jobboard')!;
  assert.equal(site.usernameSelector, '#username');
  assert.deepEqual(site.otp, { inputSelector: '#otp', submitSelector: '#otp-submit' });
  assert.equal(site.fallbackTtlSeconds, 3600);
});

test('names the bad value of a broken sites file', () => {
  const broken = jobSiteLogin('http://127.0.0.1:4010');
  assert.throws(
    () => parseLoginSites({ sites: { jobboard: { ...broken, login: { ...broken.login, usernameSelector: '' } } } }),
    /sites\.jobboard\.login\.usernameSelector/,
  );
  assert.throws(
    () => parseLoginSites({ sites: { jobboard: { ...broken, login: { ...broken.login, sessionCookies: [] } } } }),
    /sessionCookies/,
  );
  assert.throws(() => parseLoginSites({}), /sites must be an object/);
});

test('redacts known secret values from messages', () => {
  assert.equal(
    redactSecrets('cookie abc123 refused for hunter22', ['abc123', 'hunter22', undefined, 'x']),
    'cookie [redacted] refused for [redacted]',
  );
});
