import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createApiKey, revokeApiKey } from '../../src/adapters/api-keys.js';
import { startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi({ rateLimitPerMinute: 3 });
});
after(() => api.close());

test('keys are stored only as a scrypt hash, never in clear', async () => {
  const page = await api.ports.tables.scan('apiKeys');
  assert.equal(page.items.length, 2);
  // The secret is everything after `jp_<12-character id>_`; it is base64url, so it may itself hold `_`.
  const secret = /^jp_[A-Za-z0-9]{12}_(.{43})$/.exec(api.key)?.[1];
  assert.ok(secret, `the key has the documented shape: ${api.key.slice(0, 16)}…`);
  for (const item of page.items) {
    assert.match(String(item.keyHash), /^[0-9a-f]{64}$/);
    assert.ok(!JSON.stringify(item).includes(secret), 'the secret part is not stored');
  }
});

test('a missing key is 401 with how to send one; an unknown or malformed key is 401', async () => {
  const missing = await api.app.inject({ method: 'GET', url: '/jobs' });
  assert.equal(missing.statusCode, 401);
  assert.equal(missing.json().error, 'missing_api_key');
  assert.match(missing.json().message, /X-API-Key/);
  assert.equal(missing.json().details, null);
  const forged = `${api.key.slice(0, -4)}AAAA`;
  const unknown = await api.app.inject({ method: 'GET', url: '/jobs', headers: { 'x-api-key': forged } });
  assert.equal(unknown.statusCode, 401);
  assert.equal(unknown.json().error, 'invalid_api_key');
  const malformed = await api.app.inject({ method: 'GET', url: '/jobs', headers: { authorization: 'Bearer hello' } });
  assert.equal(malformed.statusCode, 401);
});

test('a Bearer key works; /health, /docs and the dashboard need no key', async () => {
  const bearer = await api.app.inject({ method: 'GET', url: '/crm/stages', headers: { authorization: `Bearer ${api.key}` } });
  assert.equal(bearer.statusCode, 200);
  for (const url of ['/health', '/docs/json', '/dashboard', '/dashboard/app.js', '/dashboard/chart.umd.min.js']) {
    assert.equal((await api.app.inject({ method: 'GET', url })).statusCode, 200, url);
  }
});

test('a read-only key may read but not change (403)', async () => {
  const read = await api.app.inject({ method: 'GET', url: '/config', headers: { 'x-api-key': api.readKey } });
  assert.equal(read.statusCode, 200);
  const write = await api.app.inject({ method: 'POST', url: '/etl', headers: { 'x-api-key': api.readKey }, payload: {} });
  assert.equal(write.statusCode, 403);
  assert.equal(write.json().error, 'read_only_api_key');
});

test('a revoked key is 403', async () => {
  const { key, record } = await createApiKey(api.ports.tables, api.clock, { name: 'to-revoke' });
  assert.ok((await revokeApiKey(api.ports.tables, api.clock, record.keyId))?.revokedAt);
  const response = await api.app.inject({ method: 'GET', url: '/config', headers: { 'x-api-key': key } });
  assert.equal(response.statusCode, 403);
  assert.equal(response.json().error, 'api_key_revoked');
});

test('each key has its own rate limit: the 4th request in a minute is 429 in the error shape', async () => {
  const { key } = await createApiKey(api.ports.tables, api.clock, { name: 'busy' });
  const statuses: number[] = [];
  let last: ReturnType<typeof JSON.parse> = null;
  for (let i = 0; i < 4; i++) {
    const response = await api.app.inject({ method: 'GET', url: '/crm/stages', headers: { 'x-api-key': key } });
    statuses.push(response.statusCode);
    last = response.json();
  }
  assert.deepEqual(statuses, [200, 200, 200, 429]);
  assert.equal(last.error, 'rate_limited');
  assert.match(last.message, /3 requests per minute/);
  const other = await api.app.inject({ method: 'GET', url: '/crm/stages', headers: { 'x-api-key': api.readKey } });
  assert.equal(other.statusCode, 200, 'another key is not limited by the busy one');
});

test('requests refused for bad input count against the rate limit too', async () => {
  const { key } = await createApiKey(api.ports.tables, api.clock, { name: 'careless' });
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) {
    const response = await api.app.inject({ method: 'GET', url: '/jobs?limit=0', headers: { 'x-api-key': key } });
    statuses.push(response.statusCode);
  }
  assert.deepEqual(statuses, [400, 400, 400, 429]);
});
