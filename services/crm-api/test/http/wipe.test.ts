/**
 * POST /wipe: refused unless the caller confirms the scope in words; accepted, it publishes one
 * wipe.requested (once per Idempotency-Key). crm-api's own part: `postings` keeps the CRM, `all` clears
 * it; its job listing follows the parser's wipe.completed and no other owner's.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import type { EventDataMap } from '@jobpipe/contracts';
import { standaloneHandlerContext } from '@jobpipe/shared';
import { busEvent, exampleTableItem } from '@jobpipe/test-kit';
import { feedScored, scoredData, startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
beforeEach(async () => {
  api = await startTestApi();
});
afterEach(() => api.close());

const wipe = (payload: unknown, key?: string) =>
  api.app.inject({
    method: 'POST',
    url: '/wipe',
    headers: { ...api.auth, ...(key ? { 'idempotency-key': key } : {}) },
    payload: payload as object,
  });
const context = () => standaloneHandlerContext((events) => api.ports.publisher.publish(events));
const listedJobIds = async () =>
  (
    (await api.app.inject({ method: 'GET', url: '/jobs?status=all', headers: api.auth })).json() as { items: { jobId: string }[] }
  ).items.map((job) => job.jobId);

test('a wipe without the matching confirmation is a 400 that names the words to send, and publishes nothing', async () => {
  for (const payload of [{ scope: 'postings' }, { scope: 'postings', confirm: 'yes' }, { scope: 'all', confirm: 'wipe postings' }]) {
    const answer = await wipe(payload);
    assert.equal(answer.statusCode, 400, JSON.stringify(payload));
    assert.ok(answer.json().message.length > 0);
  }
  const mismatch = await wipe({ scope: 'all', confirm: 'wipe postings' });
  assert.match(mismatch.json().message, /send "confirm": "wipe all"/);
  assert.equal((await wipe({ scope: 'config', confirm: 'wipe config' })).statusCode, 400);
  assert.deepEqual(api.published('wipe.requested'), []);
});

test('a confirmed wipe publishes one wipe.requested; its retry with the same Idempotency-Key gets the first answer', async () => {
  const first = await wipe({ scope: 'postings', confirm: 'wipe postings' }, 'wipe-1');
  assert.equal(first.statusCode, 202);
  const again = await wipe({ scope: 'postings', confirm: 'wipe postings' }, 'wipe-1');
  assert.equal(again.statusCode, 202);
  assert.equal(again.headers['idempotency-replayed'], 'true');
  assert.deepEqual(again.json(), first.json());
  const requested = api.published('wipe.requested');
  assert.equal(requested.length, 1);
  assert.deepEqual(requested[0], {
    wipeId: first.json().wipeId,
    scope: 'postings',
    requestedAt: '2026-03-01T12:00:00.000Z',
    requestedBy: 'api',
  });
});

test('crm-api keeps the CRM for a postings wipe, clears it for all, and announces what it removed each time', async () => {
  const { jobId } = exampleTableItem('crm', 'valid-basic');
  await api.ports.tables.put('crm', exampleTableItem('crm', 'valid-basic'));
  const request = (scope: 'postings' | 'all'): EventDataMap['wipe.requested'] => ({
    wipeId: '0b7d5e2a-8c41-4f36-a9e0-2d6c1b9f7e54',
    scope,
    requestedAt: '2026-03-01T12:00:00.000Z',
    requestedBy: 'cli',
  });
  await api.handlers['wipe.requested@1'](busEvent('wipe.requested', request('postings'), 'scheduler'), context());
  assert.ok(await api.ports.tables.get('crm', { jobId }), 'a postings wipe keeps the stage');
  await api.handlers['wipe.requested@1'](busEvent('wipe.requested', request('all'), 'scheduler'), context());
  assert.equal(await api.ports.tables.get('crm', { jobId }), undefined);
  await api.handlers['wipe.requested@1'](busEvent('wipe.requested', request('all'), 'scheduler'), context());
  const completed = api.published('wipe.completed');
  assert.deepEqual(
    completed.map(({ scope, service, removed }) => ({ scope, service, crm: removed.crm })),
    [
      { scope: 'postings', service: 'crm-api', crm: undefined },
      { scope: 'all', service: 'crm-api', crm: 1 },
      { scope: 'all', service: 'crm-api', crm: 0 },
    ],
  );
});

test("the job listing empties when the parser announces its jobs wiped, not on another owner's announcement", async () => {
  await feedScored(api, scoredData('greenhouse:1'), scoredData('greenhouse:2'));
  assert.deepEqual((await listedJobIds()).sort(), ['greenhouse:1', 'greenhouse:2']);
  const completed = (service: string): EventDataMap['wipe.completed'] => ({
    wipeId: '0b7d5e2a-8c41-4f36-a9e0-2d6c1b9f7e54',
    scope: 'postings',
    service,
    removed: { jobs: 2 },
    completedAt: '2026-03-01T12:00:01.000Z',
  });
  await api.handlers['wipe.completed@1'](busEvent('wipe.completed', completed('recommender'), 'recommender'), context());
  assert.equal((await listedJobIds()).length, 2);
  await api.handlers['wipe.completed@1'](busEvent('wipe.completed', completed('parser'), 'parser'), context());
  assert.deepEqual(await listedJobIds(), []);
  assert.equal(await api.context.readModel.count(), 0);
  await feedScored(api, scoredData('greenhouse:3'));
  assert.deepEqual(await listedJobIds(), ['greenhouse:3'], 'a job scored after the wipe is listed again');
});
