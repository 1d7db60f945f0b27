import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { EventDataMap } from '@jobpipe/contracts';
import { standaloneHandlerContext } from '@jobpipe/shared';
import { busEvent } from '@jobpipe/test-kit';
import type { LiveMessage } from '../../src/adapters/live-feed.js';
import { changeStage } from '../../src/use-cases/crm.js';
import { feedScored, scoredData, startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi();
  await feedScored(
    api,
    scoredData('mcf:open-1', { score: 90 }),
    scoredData('mcf:gone-2', { score: 80 }),
    scoredData('mcf:applied-3', { score: 70 }),
  );
  for (const to of ['screened', 'shortlisted', 'applied'] as const) await changeStage(api.context, { jobId: 'mcf:applied-3', to });
});
after(() => api.close());

const context = () => standaloneHandlerContext((events) => api.ports.publisher.publish(events));

async function closeJob(jobId: string, closedAt: string): Promise<void> {
  const data: EventDataMap['job.closed'] = {
    jobId,
    closedAt,
    closeReason: 'missing-from-complete-reads',
    firstSeenAt: '2026-02-01T08:00:00.000Z',
    lastSeenAt: '2026-02-20T08:00:00.000Z',
    evidence: { searchId: 'sg', runIds: ['r1', 'r2'] },
  };
  await api.handlers['job.closed@1'](busEvent('job.closed', data, 'parser'), context());
}

async function listed(query = ''): Promise<{ jobId: string; closedAt?: string; closeReason?: string }[]> {
  const response = await api.app.inject({ method: 'GET', url: `/jobs${query}`, headers: api.auth });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().items;
}

test('GET /jobs lists open jobs by default; status=closed shows the closed ones with when and why; status=all both', async () => {
  await closeJob('mcf:gone-2', '2026-03-01T09:00:00.000Z');
  assert.deepEqual(
    (await listed()).map((job) => job.jobId),
    ['mcf:open-1', 'mcf:applied-3'],
  );
  assert.deepEqual(
    await listed('?status=closed').then((jobs) => jobs.map(({ jobId, closedAt, closeReason }) => ({ jobId, closedAt, closeReason }))),
    [{ jobId: 'mcf:gone-2', closedAt: '2026-03-01T09:00:00.000Z', closeReason: 'missing-from-complete-reads' }],
  );
  assert.equal((await listed('?status=all')).length, 3);
  const bad = await api.app.inject({ method: 'GET', url: '/jobs?status=stale', headers: api.auth });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().message, /status/);
});

test('a reopened job is open again; an older close delivered late does not close it again', async () => {
  const reopened: EventDataMap['job.reopened'] = {
    jobId: 'mcf:gone-2',
    reopenedAt: '2026-03-03T09:00:00.000Z',
    closedAt: '2026-03-01T09:00:00.000Z',
    previousCloseReason: 'missing-from-complete-reads',
    searchId: 'sg',
    runId: 'r4',
  };
  await api.handlers['job.reopened@1'](busEvent('job.reopened', reopened, 'parser'), context());
  await closeJob('mcf:gone-2', '2026-03-01T09:00:00.000Z');
  const open = await listed();
  assert.ok(open.some((job) => job.jobId === 'mcf:gone-2'));
  assert.equal(open.find((job) => job.jobId === 'mcf:gone-2')?.closedAt, undefined);
});

test('a job in an active stage whose posting closed is flagged to the user and keeps its stage; every closure goes live', async () => {
  const messages: LiveMessage[] = [];
  const stop = api.context.live.subscribe((message) => messages.push(message));
  await closeJob('mcf:applied-3', '2026-03-04T09:00:00.000Z');
  await closeJob('mcf:open-1', '2026-03-04T09:00:00.000Z');
  stop();
  assert.deepEqual(
    messages.map((message) => [message.event, message.data.jobId, message.data.stage, message.data.flagged]),
    [
      ['job.closed', 'mcf:applied-3', 'applied', true],
      ['job.closed', 'mcf:open-1', 'new', false],
    ],
  );
  const [closed] = (await listed('?status=closed&stage=applied')).filter((job) => job.jobId === 'mcf:applied-3');
  assert.equal(closed?.closeReason, 'missing-from-complete-reads');
});

test('job.flagged: GET /jobs and the job page show the ghost-risk criteria as reasons, the job stays listed', async () => {
  const flags: EventDataMap['job.flagged']['flags'] = [
    { kind: 'reposted-while-open', detail: 'reposted while mcf:older-0 is still open', since: '2026-03-05T09:00:00.000Z' },
  ];
  const data: EventDataMap['job.flagged'] = { jobId: 'mcf:open-1', flaggedAt: '2026-03-05T09:00:00.000Z', flags };
  await api.handlers['job.flagged@1'](busEvent('job.flagged', data, 'parser'), context());
  const all = (await listed('?status=all')) as { jobId: string; ghostFlags?: unknown }[];
  assert.deepEqual(all.find((job) => job.jobId === 'mcf:open-1')?.ghostFlags, flags);
  const page = await api.app.inject({ method: 'GET', url: `/jobs/${encodeURIComponent('mcf:open-1')}`, headers: api.auth });
  assert.equal(page.statusCode, 200, page.body);
  assert.deepEqual(page.json().summary.ghostFlags, flags);
});

test('job.scored v1 and v2 are both read during the rollout; a v2 score shows the age from first sighting and its penalty reasons', async () => {
  const v2 = scoredData('mcf:relisted-5', {
    score: 40,
    reasons: [{ kind: 'ghost-risk', text: '\u221210 ghost risk: listed 3 times under new ids', points: -10 }],
    job: { firstSeenAt: '2026-01-10T08:00:00.000Z' },
  });
  const event = busEvent('job.scored', v2, 'recommender');
  await api.handlers['job.scored@2'](event, context());
  const v1 = scoredData('mcf:older-6', { score: 30 });
  const older = busEvent('job.scored', v1, 'recommender');
  await api.handlers['job.scored@1'](
    { ...older, detail: { ...older.detail, meta: { ...older.detail.meta, schemaVersion: '1.0' } } },
    context(),
  );
  const jobs = (await listed()) as { jobId: string; firstSeenAt?: string }[];
  assert.equal(jobs.find((job) => job.jobId === 'mcf:relisted-5')?.firstSeenAt, '2026-01-10T08:00:00.000Z');
  assert.ok(
    jobs.some((job) => job.jobId === 'mcf:older-6' && job.firstSeenAt === undefined),
    'a v1 score is listed, without an age',
  );
  const page = await api.app.inject({ method: 'GET', url: `/jobs/${encodeURIComponent('mcf:relisted-5')}`, headers: api.auth });
  assert.deepEqual(
    page.json().reasons.map((reason: { kind: string }) => reason.kind),
    ['ghost-risk'],
  );
});
