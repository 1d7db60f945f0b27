import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type JobLifecycle, type LifecycleChange, lifecycleAfterRun, type RunSighting } from '../../src/domain/lifecycle.js';

const job: JobLifecycle = {
  jobId: 'mcf:job-1',
  firstSeenAt: '2026-07-01T08:00:00.000Z',
  lastSeenAt: '2026-07-01T08:00:00.000Z',
  expiresAt: null,
};

let day = 1;
/** A run of `searchId` on the next day. */
function run(searchId: string, status: RunSighting['status'], listed: boolean): RunSighting {
  day++;
  return { searchId, runId: `${searchId}-${day}`, status, finishedAt: `2026-07-${String(day).padStart(2, '0')}T08:00:00.000Z`, listed };
}

/** Applies runs in order; returns the job and the kinds of change. */
function live(start: JobLifecycle, runs: readonly RunSighting[]): { job: JobLifecycle; kinds: LifecycleChange['kind'][] } {
  let current = start;
  const kinds: LifecycleChange['kind'][] = [];
  for (const sighting of runs) {
    const change = lifecycleAfterRun(current, sighting);
    kinds.push(change.kind);
    if (change.kind !== 'none') current = change.lifecycle;
  }
  return { job: current, kinds };
}

test('a job closes after two consecutive complete reads without it, naming those runs', () => {
  const first = run('sg', 'complete', true);
  const miss1 = run('sg', 'complete', false);
  const miss2 = run('sg', 'complete', false);
  const { job: after, kinds } = live(job, [first, miss1]);
  assert.deepEqual(kinds, ['update', 'update']);
  assert.equal(after.closedAt, undefined, 'one miss is not enough');
  const change = lifecycleAfterRun(after, miss2);
  assert.equal(change.kind, 'close');
  assert.equal(change.kind === 'close' && change.event.closeReason, 'missing-from-complete-reads');
  assert.deepEqual(change.kind === 'close' && change.event.evidence, { searchId: 'sg', runIds: [miss1.runId, miss2.runId] });
  assert.equal(change.kind === 'close' && change.lifecycle.closedAt, miss2.finishedAt);
});

test('never closed from partial or failed reads, however many', () => {
  const { job: after } = live(job, [
    run('sg', 'complete', true),
    run('sg', 'partial', false),
    run('sg', 'failed', false),
    run('sg', 'partial', false),
    run('sg', 'partial', false),
  ]);
  assert.equal(after.closedAt, undefined);
  assert.equal(after.reads?.sg?.misses, 0);
});

test('a partial read between two complete misses neither counts nor breaks the row; a sighting in any read starts it again', () => {
  const between = live(job, [
    run('sg', 'complete', true),
    run('sg', 'complete', false),
    run('sg', 'partial', false),
    run('sg', 'complete', false),
  ]);
  assert.equal(between.job.closeReason, 'missing-from-complete-reads');
  const seen = live(job, [
    run('sg', 'complete', true),
    run('sg', 'complete', false),
    run('sg', 'partial', true),
    run('sg', 'complete', false),
  ]);
  assert.equal(seen.job.closedAt, undefined);
  assert.equal(seen.job.reads?.sg?.misses, 1);
});

test('a job two searches list closes only when both missed it twice', () => {
  const { job: after } = live(job, [
    run('sg', 'complete', true),
    run('remote', 'complete', true),
    run('sg', 'complete', false),
    run('sg', 'complete', false),
    run('remote', 'complete', false),
  ]);
  assert.equal(after.closedAt, undefined, 'the second search missed it once only');
  const change = lifecycleAfterRun(after, run('remote', 'complete', false));
  assert.equal(change.kind, 'close');
});

test('a search that never listed the job does not count against it', () => {
  const { job: after } = live(job, [run('sg', 'complete', true), run('other', 'complete', false), run('other', 'complete', false)]);
  assert.equal(after.closedAt, undefined);
  assert.equal(after.reads?.other, undefined);
});

test('seen again, a closed job reopens with the close it undoes; a job the user closed stays closed', () => {
  const { job: closedJob } = live(job, [run('sg', 'complete', true), run('sg', 'complete', false), run('sg', 'complete', false)]);
  const back = run('sg', 'partial', true);
  const change = lifecycleAfterRun(closedJob, back);
  assert.equal(change.kind, 'reopen');
  assert.equal(change.kind === 'reopen' && change.lifecycle.closedAt, undefined);
  assert.deepEqual(change.kind === 'reopen' && change.event, {
    jobId: job.jobId,
    reopenedAt: back.finishedAt,
    closedAt: closedJob.closedAt,
    previousCloseReason: 'missing-from-complete-reads',
    searchId: 'sg',
    runId: back.runId,
  });
  const byUser: JobLifecycle = { ...job, closedAt: '2026-07-02T00:00:00.000Z', closeReason: 'user' };
  const seen = lifecycleAfterRun(byUser, run('sg', 'complete', true));
  assert.notEqual(seen.kind, 'reopen');
  assert.equal(seen.kind !== 'none' && seen.lifecycle.closeReason, 'user');
});

test("past the source's own closing date a job closes as expired, even when still listed, and stays closed while past it", () => {
  const expiring: JobLifecycle = { ...job, expiresAt: '2026-07-20T23:59:59.000Z' };
  const early = lifecycleAfterRun(expiring, { ...run('sg', 'complete', true), finishedAt: '2026-07-20T08:00:00.000Z' });
  assert.notEqual(early.kind, 'close');
  const late = lifecycleAfterRun(expiring, { ...run('sg', 'partial', true), finishedAt: '2026-07-21T08:00:00.000Z' });
  assert.equal(late.kind, 'close');
  assert.equal(late.kind === 'close' && late.event.closeReason, 'expired');
  assert.equal(late.kind === 'close' && late.event.expiresAt, '2026-07-20T23:59:59.000Z');
  const closedJob = late.kind === 'close' ? late.lifecycle : expiring;
  assert.equal(lifecycleAfterRun(closedJob, { ...run('sg', 'complete', true), finishedAt: '2026-07-22T08:00:00.000Z' }).kind, 'update');
  const extended = { ...closedJob, expiresAt: '2026-08-31T23:59:59.000Z' };
  assert.equal(lifecycleAfterRun(extended, { ...run('sg', 'complete', true), finishedAt: '2026-07-23T08:00:00.000Z' }).kind, 'reopen');
});

test('a run delivered again changes nothing twice', () => {
  const first = run('sg', 'complete', true);
  const miss = run('sg', 'complete', false);
  const { job: once } = live(job, [first, miss]);
  assert.equal(lifecycleAfterRun(once, miss).kind, 'none');
  assert.equal(once.reads?.sg?.misses, 1);
});

test('lastSeenAt moves at most once in 20 hours: a job listed by every run is not rewritten each run', () => {
  const seen = lifecycleAfterRun(job, {
    searchId: 'sg',
    runId: 'a',
    status: 'complete',
    finishedAt: '2026-07-01T09:00:00.000Z',
    listed: true,
  });
  assert.equal(seen.kind, 'update', 'the first sighting records the search');
  const settled = seen.kind === 'update' ? seen.lifecycle : job;
  assert.equal(settled.lastSeenAt, job.lastSeenAt);
  const sameDay = lifecycleAfterRun(settled, {
    searchId: 'sg',
    runId: 'b',
    status: 'complete',
    finishedAt: '2026-07-01T20:00:00.000Z',
    listed: true,
  });
  assert.equal(sameDay.kind, 'none');
  const nextDay = lifecycleAfterRun(settled, {
    searchId: 'sg',
    runId: 'c',
    status: 'complete',
    finishedAt: '2026-07-02T08:00:00.000Z',
    listed: true,
  });
  assert.equal(nextDay.kind !== 'none' && nextDay.lifecycle.lastSeenAt, '2026-07-02T08:00:00.000Z');
});
