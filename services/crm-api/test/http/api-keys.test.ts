import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { collect } from '@jobpipe/shared';
import { startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi();
});
after(() => api.close());

const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = api.auth) =>
  api.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

interface Listed {
  keyId: string;
  name: string;
  scope: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
const listed = async (): Promise<Listed[]> => (await inject('GET', '/api-keys')).json().items;

test('a created key is answered once, works, and is listed by name and times only (never the key or its hash)', async () => {
  api.clock.set(new Date('2026-03-02T09:00:00.000Z'));
  const created = await inject('POST', '/api-keys', { name: 'phone', scope: 'read' });
  assert.equal(created.statusCode, 201, created.body);
  const { key, keyId, ...rest } = created.json();
  assert.match(key, /^jp_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
  assert.equal(keyId, key.slice(3, 15));
  assert.deepEqual(rest, { name: 'phone', scope: 'read', createdAt: '2026-03-02T09:00:00.000Z', lastUsedAt: null, revokedAt: null });

  const withNewKey = await inject('GET', '/crm/stages', undefined, { 'x-api-key': key });
  assert.equal(withNewKey.statusCode, 200);
  const list = await inject('GET', '/api-keys');
  assert.equal(list.statusCode, 200);
  const phone = list.json().items.find((item: Listed) => item.keyId === keyId);
  assert.deepEqual(phone, {
    keyId,
    name: 'phone',
    scope: 'read',
    createdAt: '2026-03-02T09:00:00.000Z',
    lastUsedAt: '2026-03-02T09:00:00.000Z',
    revokedAt: null,
  });
  assert.ok(!list.body.includes(key.slice(16)), 'the key is not shown again');
  const stored = await collect(api.ports.tables.scanAll('apiKeys'));
  assert.ok(!JSON.stringify(stored).includes(key.slice(16)), 'only the hash is stored');
  assert.ok(!list.body.includes(stored[0]!.keyHash), 'nor is the hash listed');
});

test('last use is recorded at most once a minute, and the list says when each key was last used', async () => {
  const { key, keyId } = (await inject('POST', '/api-keys', { name: 'script' })).json();
  const useAt = async (time: string) => {
    api.clock.set(new Date(time));
    api.context.apiKeys.forget(); // as after the verifier's minute of caching
    assert.equal((await inject('GET', '/crm/stages', undefined, { 'x-api-key': key })).statusCode, 200);
    return (await listed()).find((item) => item.keyId === keyId)?.lastUsedAt;
  };
  assert.equal(await useAt('2026-03-03T10:00:00.000Z'), '2026-03-03T10:00:00.000Z');
  assert.equal(await useAt('2026-03-03T10:00:30.000Z'), '2026-03-03T10:00:00.000Z', 'within the minute: not written again');
  assert.equal(await useAt('2026-03-03T10:05:00.000Z'), '2026-03-03T10:05:00.000Z');
});

test('a revoked key is refused from the next request on; revoking twice keeps the first revocation', async () => {
  const { key, keyId } = (await inject('POST', '/api-keys', { name: 'old laptop' })).json();
  assert.equal((await inject('GET', '/config', undefined, { 'x-api-key': key })).statusCode, 200);
  api.clock.set(new Date('2026-03-04T08:00:00.000Z'));
  const revoked = await inject('DELETE', `/api-keys/${keyId}`);
  assert.equal(revoked.statusCode, 200, revoked.body);
  assert.equal(revoked.json().revokedAt, '2026-03-04T08:00:00.000Z');
  const refused = await inject('GET', '/config', undefined, { 'x-api-key': key });
  assert.equal(refused.statusCode, 403, 'the cached verification is forgotten at once');
  assert.equal(refused.json().error, 'api_key_revoked');
  const again = await inject('DELETE', `/api-keys/${keyId}`);
  assert.equal(again.json().revokedAt, '2026-03-04T08:00:00.000Z', 'revoking twice keeps the first revocation');
  assert.deepEqual(
    (await listed()).at(-1),
    { ...(await listed()).at(-1), keyId, name: 'old laptop', revokedAt: '2026-03-04T08:00:00.000Z' },
    'revoked keys are listed last',
  );
});

test('bad requests are 4xx naming what is wrong; nothing is created', async () => {
  const before = (await listed()).length;
  const noName = await inject('POST', '/api-keys', {});
  assert.equal(noName.statusCode, 400);
  assert.match(noName.json().message, /name/);
  const controlCharacters = await inject('POST', '/api-keys', { name: 'a\u0007b' });
  assert.equal(controlCharacters.statusCode, 400);
  assert.match(controlCharacters.json().message, /without control characters/);
  const badScope = await inject('POST', '/api-keys', { name: 'x', scope: 'admin' });
  assert.equal(badScope.statusCode, 400);
  assert.match(badScope.json().message, /scope/);
  const readOnly = await inject('POST', '/api-keys', { name: 'x' }, { 'x-api-key': api.readKey });
  assert.equal(readOnly.statusCode, 403);
  const replayable = await api.app.inject({
    method: 'POST',
    url: '/api-keys',
    headers: { ...api.auth, 'idempotency-key': 'create-1' },
    payload: { name: 'retried' },
  });
  assert.equal(replayable.statusCode, 400);
  assert.match(replayable.json().message, /answers a secret shown once.*without Idempotency-Key/);
  assert.equal((await listed()).length, before);
  assert.equal((await inject('DELETE', '/api-keys/nosuchkey123')).statusCode, 404);
  const badId = await inject('DELETE', '/api-keys/not-an-id');
  assert.equal(badId.statusCode, 400);
  assert.match(badId.json().message, /keyId/);
});
