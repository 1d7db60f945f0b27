/**
 * Changes accepted while publishing fails are announced once publishing recovers, and retries with an
 * Idempotency-Key get the first answer instead of running again.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { feedScored, scoredData, startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi();
  await feedScored(api, scoredData('lever:1'), scoredData('lever:2'), scoredData('lever:3'));
});
after(() => api.close());

/** Makes every write to the bus fail until `busRecovers` (a full disk, a locked file). */
let busRecovers: () => Promise<void>;
function busFails(): void {
  const bus = api.ports.bus as unknown as Record<string, unknown>;
  const originals = { enqueue: bus.enqueue, enqueueOnce: bus.enqueueOnce };
  const refuse = () => {
    throw new Error('SQLITE_FULL: database or disk is full');
  };
  bus.enqueue = refuse;
  bus.enqueueOnce = refuse;
  busRecovers = async () => {
    Object.assign(bus, originals);
    await api.ports.flushEvents();
  };
}
beforeEach(() => {
  busRecovers = async () => {};
});

const request = (method: 'POST' | 'PUT', url: string, payload: object, key?: string) =>
  api.app.inject({ method, url, headers: { ...api.auth, ...(key ? { 'idempotency-key': key } : {}) }, payload });

const config = {
  tracks: [{ name: 'data', titleKeywords: [{ term: 'data engineer', weight: 10 }], bodyKeywords: [] }],
  searches: [{ id: 'de-sg', source: 'mcf', keywords: 'data engineer' }],
};

test('PUT /config while publishing fails is accepted, and config.changed goes out exactly once after recovery', async () => {
  busFails();
  const first = await request('PUT', '/config', { config });
  assert.equal(first.statusCode, 200, first.body);
  assert.equal(first.json().version, 1);
  const retry = await request('PUT', '/config', { config });
  assert.deepEqual(retry.json(), { version: 1, changed: [] }, 'a retry without a key changes nothing');
  assert.deepEqual(api.published('config.changed'), []);

  await busRecovers();
  assert.deepEqual(
    api.published('config.changed').map((event) => event.version),
    [1],
  );
});

test('a stage change retried with its Idempotency-Key while publishing fails gets its first answer, and one event after recovery', async () => {
  busFails();
  const first = await request('POST', '/jobs/lever:1/stage', { to: 'screened' }, 'stage-lever-1');
  assert.equal(first.statusCode, 200, first.body);
  const retry = await request('POST', '/jobs/lever:1/stage', { to: 'screened' }, 'stage-lever-1');
  assert.equal(retry.statusCode, 200, retry.body);
  assert.deepEqual(retry.json(), first.json());
  assert.equal(retry.headers['idempotency-replayed'], 'true');

  await busRecovers();
  const changes = api.published('crm.stage-changed').filter((event) => event.jobId === 'lever:1');
  assert.deepEqual(
    changes.map((event) => [event.from, event.to]),
    [['new', 'screened']],
  );
});

test('the same Idempotency-Key with a different request is refused with a 422 that says so', async () => {
  const first = await request('POST', '/jobs/lever:2/stage', { to: 'screened' }, 'key-2');
  assert.equal(first.statusCode, 200);
  const other = await request('POST', '/jobs/lever:2/stage', { to: 'shortlisted' }, 'key-2');
  assert.equal(other.statusCode, 422);
  assert.equal(other.json().error, 'idempotency_key_reused');
  assert.match(other.json().message, /already used for a different request/);
  const elsewhere = await request('POST', '/jobs/lever:3/stage', { to: 'screened' }, 'key-2');
  assert.equal(elsewhere.statusCode, 422, 'a key names one request, whatever the URL');
  assert.equal(api.published('crm.stage-changed').filter((event) => event.jobId === 'lever:2').length, 1);
});

test('a refused first answer is replayed too, and keys are per API key', async () => {
  const refused = await request('POST', '/jobs/lever:3/stage', { to: 'applied' }, 'key-3');
  assert.equal(refused.statusCode, 409);
  const replayed = await request('POST', '/jobs/lever:3/stage', { to: 'applied' }, 'key-3');
  assert.equal(replayed.statusCode, 409);
  assert.deepEqual(replayed.json(), refused.json());
  assert.equal(replayed.headers['idempotency-replayed'], 'true');
  const bad = await request('POST', '/jobs/lever:3/stage', { to: 'screened' }, 'spaces are not allowed');
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error, 'invalid_idempotency_key');
});

test('an answer expires after 24 hours: the key may then name a new request', async () => {
  const first = await request('POST', '/etl', { kind: 'full' }, 'etl-key');
  assert.equal(first.statusCode, 202);
  assert.deepEqual((await request('POST', '/etl', { kind: 'full' }, 'etl-key')).json(), first.json());
  assert.equal(api.published('etl.requested').length, 1);
  api.clock.advance(24 * 3600_000 + 1000);
  const later = await request('POST', '/etl', { kind: 'full' }, 'etl-key');
  assert.equal(later.statusCode, 202);
  assert.notEqual(later.json().requestId, first.json().requestId);
  assert.equal(api.published('etl.requested').length, 2);
});
