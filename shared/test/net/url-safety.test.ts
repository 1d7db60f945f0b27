import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nonPublicHostReason, unsafeUrlReason } from '../../src/net/url-safety.js';

test('a private or loopback host is refused in every spelling unless listed; the reason names the host, never the path', () => {
  assert.equal(unsafeUrlReason('https://hooks.slack.com/services/T0/B0/secret-token'), undefined);
  const refused = unsafeUrlReason('http://0x7f.1:8080/hook/secret-token');
  assert.match(refused ?? '', /points at '127\.0\.0\.1', a loopback address; list the host in allowPrivateHosts to allow it/);
  assert.doesNotMatch(refused ?? '', /secret-token/);
  assert.equal(unsafeUrlReason('http://127.0.0.1:8080/hook', ['127.0.0.1']), undefined);
  assert.match(unsafeUrlReason('http://169.254.169.254/latest', [], 'ask nicely') ?? '', /a linkLocal address; ask nicely$/);
  assert.match(unsafeUrlReason('ftp://example.org/x') ?? '', /only http and https/);
});

test('an SMTP host is judged as a URL host is', () => {
  assert.equal(nonPublicHostReason('smtp.example.org'), undefined);
  assert.match(nonPublicHostReason('10.0.0.5') ?? '', /a private address/);
  assert.equal(nonPublicHostReason('::1', ['::1']), undefined);
  assert.match(nonPublicHostReason('localhost') ?? '', /loopback/);
  assert.equal(nonPublicHostReason('localhost', ['LOCALHOST']), undefined);
});
