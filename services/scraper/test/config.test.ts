import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '@jobpipe/shared';
import { readScraperConfig } from '../src/config.js';

test('defaults point at the live APIs and allow only their hosts; JSON-LD allows nothing until told', () => {
  const config = readScraperConfig({});
  assert.equal(config.baseUrls.mcf, 'https://api.mycareersfuture.gov.sg');
  assert.deepEqual(config.allowedHosts.usajobs, ['data.usajobs.gov']);
  assert.deepEqual(config.allowedHosts.jsonld, []);
  assert.equal(config.usajobs.apiKeySecret, 'usajobs-api-key');
  assert.equal(config.policies.usajobs.pageSize, 500);
  assert.ok(Object.isFrozen(config));
});

test('a configured base URL replaces the live host on the allowlist; extra hosts and policies come from the environment', () => {
  const config = readScraperConfig({
    JOBPIPE_SCRAPER_LEVER_BASE_URL: 'http://127.0.0.1:4010/',
    JOBPIPE_SCRAPER_JSONLD_ALLOWED_HOSTS: 'careers.example.com, *.example.org',
    JOBPIPE_SCRAPER_POLICY: '{"retries":1}',
    JOBPIPE_SCRAPER_MCF_POLICY: '{"concurrency":8}',
  });
  assert.equal(config.baseUrls.lever, 'http://127.0.0.1:4010');
  assert.deepEqual(config.allowedHosts.lever, ['127.0.0.1:4010']);
  assert.deepEqual(config.allowedHosts.jsonld, ['careers.example.com', '*.example.org']);
  assert.equal(config.policies.mcf.concurrency, 8);
  assert.equal(config.policies.mcf.retries, 1);
  assert.equal(config.policies.lever.retries, 1);
});

test('bad settings are refused with the variable named', () => {
  assert.throws(
    () => readScraperConfig({ JOBPIPE_SCRAPER_MCF_BASE_URL: 'ftp://x' }),
    (error: ConfigError) => /MCF_BASE_URL/.test(error.message),
  );
  assert.throws(() => readScraperConfig({ JOBPIPE_SCRAPER_POLICY: '{"speed":9}' }), /unknown policy field 'speed'/);
  assert.throws(() => readScraperConfig({ JOBPIPE_SCRAPER_USAJOBS_POLICY: '{"concurrency":0}' }), ConfigError);
  assert.throws(() => readScraperConfig({ JOBPIPE_SCRAPER_USAJOBS_EMAIL: 'not-an-email' }), /USAJOBS_EMAIL/);
  assert.throws(() => readScraperConfig({ JOBPIPE_SCRAPER_CONCURRENCY: '0' }), /CONCURRENCY/);
});
