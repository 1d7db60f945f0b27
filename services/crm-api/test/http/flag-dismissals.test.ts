import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { EventDataMap, GhostFlag } from '@jobpipe/contracts';
import { standaloneHandlerContext } from '@jobpipe/shared';
import { busEvent } from '@jobpipe/test-kit';
import { feedScored, scoredData, startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
const jobId = 'mcf:flagged-1';
const relisted: GhostFlag = { kind: 'relisted-repeatedly', detail: 'listed 3 times under new ids', since: '2026-03-01T08:00:00.000Z' };
const evergreen: GhostFlag = {
  kind: 'evergreen-no-salary',
  detail: 'no salary, and the text says "talent pool"',
  since: '2026-03-02T08:00:00.000Z',
};

async function flagged(flaggedAt: string, flags: GhostFlag[]): Promise<void> {
  const context = standaloneHandlerContext((events) => api.ports.publisher.publish(events));
  await api.handlers['job.flagged@1'](busEvent('job.flagged', { jobId, flaggedAt, flags }, 'parser'), context);
}

function post(url: string, idempotencyKey?: string) {
  return api.app.inject({
    method: 'POST',
    url,
    headers: { ...api.auth, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
  });
}

async function shownFlags(): Promise<{ listed: unknown; page: unknown }> {
  const list = await api.app.inject({ method: 'GET', url: '/jobs?status=all', headers: api.auth });
  const page = await api.app.inject({ method: 'GET', url: `/jobs/${encodeURIComponent(jobId)}`, headers: api.auth });
  const listed = list.json().items.find((job: { jobId: string }) => job.jobId === jobId)?.ghostFlags;
  return { listed, page: page.json().summary.ghostFlags };
}

before(async () => {
  api = await startTestApi();
  await feedScored(api, scoredData(jobId, { score: 70 }), scoredData('mcf:plain-2', { score: 60 }));
  await flagged('2026-03-01T08:00:00.000Z', [relisted]);
});
after(() => api.close());

test('dismissing a flag: stored with its event, shown dismissed in GET /jobs and the job page; a repeat (or a retry with its Idempotency-Key) changes nothing', async () => {
  const url = `/jobs/${encodeURIComponent(jobId)}/flags/relisted-repeatedly/dismiss`;
  const first = await post(url, 'dismiss-1');
  assert.equal(first.statusCode, 200, first.body);
  const dismissedAt = api.clock.now().toISOString();
  const dismissed = { ...relisted, dismissedAt };
  assert.deepEqual(first.json(), {
    jobId,
    kind: 'relisted-repeatedly',
    since: relisted.since,
    dismissed: true,
    changed: true,
    ghostFlags: [dismissed],
  });
  const events = api.published('crm.flag-dismissals-changed');
  const expected: EventDataMap['crm.flag-dismissals-changed'] = {
    jobId,
    changedAt: dismissedAt,
    change: { kind: 'relisted-repeatedly', since: relisted.since, dismissed: true },
    dismissals: [{ kind: 'relisted-repeatedly', since: relisted.since, dismissedAt }],
  };
  assert.deepEqual(events, [expected]);
  assert.deepEqual((await api.ports.tables.get('crm', { jobId }))?.flagDismissals, expected.dismissals, 'kept in the CRM record');
  assert.deepEqual(await shownFlags(), { listed: [dismissed], page: [dismissed] }, 'shown, marked dismissed');

  const retried = await post(url, 'dismiss-1');
  assert.equal(retried.headers['idempotency-replayed'], 'true');
  const repeated = await post(url);
  assert.equal(repeated.statusCode, 200);
  assert.equal(repeated.json().changed, false);
  assert.equal(api.published('crm.flag-dismissals-changed').length, 1, 'announced once');
});

test('the next sweep keeps a dismissed flag dismissed and shows a new criterion; a stage change keeps the dismissal', async () => {
  await flagged('2026-03-02T08:00:00.000Z', [relisted, evergreen]);
  const { listed } = await shownFlags();
  assert.deepEqual(listed, [{ ...relisted, dismissedAt: api.clock.now().toISOString() }, evergreen]);
  const moved = await api.app.inject({
    method: 'POST',
    url: `/jobs/${encodeURIComponent(jobId)}/stage`,
    headers: api.auth,
    payload: { to: 'screened' },
  });
  assert.equal(moved.statusCode, 200, moved.body);
  assert.equal((await api.ports.tables.get('crm', { jobId }))?.flagDismissals?.length, 1);
});

test('restoring a dismissed flag: shown as a flag again, announced; restoring it again changes nothing', async () => {
  api.clock.advance(60_000);
  const url = `/jobs/${encodeURIComponent(jobId)}/flags/relisted-repeatedly/restore`;
  const restored = await post(url);
  assert.equal(restored.statusCode, 200, restored.body);
  assert.deepEqual(restored.json().ghostFlags, [relisted, evergreen]);
  assert.deepEqual(api.published('crm.flag-dismissals-changed').at(-1)?.change, {
    kind: 'relisted-repeatedly',
    since: relisted.since,
    dismissed: false,
  });
  assert.deepEqual((await shownFlags()).page, [relisted, evergreen]);
  const again = await post(url);
  assert.equal(again.json().changed, false);
});

test('bad requests: an unknown criterion is a 400, an unknown job or a flag that does not fire a 404, each saying what is wrong', async () => {
  const unknownKind = await post(`/jobs/${encodeURIComponent(jobId)}/flags/too-good/dismiss`);
  assert.equal(unknownKind.statusCode, 400);
  assert.match(unknownKind.json().message, /kind/);
  const unknownJob = await post(`/jobs/${encodeURIComponent('mcf:nobody')}/flags/relisted-repeatedly/dismiss`);
  assert.equal(unknownJob.statusCode, 404);
  assert.match(unknownJob.json().message, /mcf:nobody/);
  const notFiring = await post(`/jobs/${encodeURIComponent('mcf:plain-2')}/flags/reposted-while-open/dismiss`);
  assert.equal(notFiring.statusCode, 404);
  assert.equal(notFiring.json().error, 'flag_not_found');
  assert.match(notFiring.json().message, /no 'reposted-while-open' flag firing/);
});
