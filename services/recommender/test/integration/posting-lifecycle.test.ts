import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GhostFlag, PostingFeaturesItem } from '@jobpipe/contracts';
import { createEmbeddedPorts, silentLogger, TransientError } from '@jobpipe/shared';
import { outboxFailingWhile, tempDir } from '@jobpipe/test-kit';
import { createRecommender } from '../../src/app.js';
import { uncaused } from '../../src/recommender.js';
import { dataEngineeringConfig, normalizedJob } from '../helpers/jobs.js';

const settings = { retrainAfter: 6, retrainQuietSeconds: 60, rescoreBatchSize: 4 };

function recommenderOn(failure = { failing: false, refused: 0 }) {
  const dir = tempDir('jobpipe-recommender-races-');
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'recommender', {
    tables: (store) => outboxFailingWhile(store, failure),
  });
  const recommender = createRecommender(ports, settings, silentLogger);
  return {
    ports,
    recommender,
    posting: async (jobId: string) =>
      (await ports.tables.get('recommenderState', { key: 'posting', sort: jobId })) as PostingFeaturesItem | undefined,
    close: async () => {
      await ports.close();
      dir.remove();
    },
  };
}

/** Runs a handler as the queue would: a transient failure (a score written meanwhile) is delivered again. */
async function delivered<T>(handle: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await handle();
    } catch (error) {
      if (!(error instanceof TransientError)) throw error;
    }
  }
}

const job = normalizedJob({ jobId: 'greenhouse:700', descriptionText: 'Spark and Airflow pipelines.' });
const edited = { ...job, descriptionText: 'Spark, Airflow and dbt pipelines.', contentHash: 'a'.repeat(64) };
const flags: GhostFlag[] = [{ kind: 'relisted-repeatedly', detail: 'listed 3 times under new ids', since: '2026-03-05T00:00:00.000Z' }];

test('a job.parsed and a job.flagged handled at the same time both land on the posting, and its score carries the flag', async (t) => {
  const s = recommenderOn();
  t.after(() => s.close());
  await s.recommender.handleConfigChanged(1, dataEngineeringConfig(), uncaused);
  await s.recommender.handleParsed(job, uncaused);

  await Promise.all([
    delivered(() => s.recommender.handleParsed(edited, uncaused)),
    delivered(() => s.recommender.handleFlagged({ jobId: job.jobId, flaggedAt: '2026-03-05T00:00:00.000Z', flags }, uncaused)),
  ]);

  const posting = await s.posting(job.jobId);
  assert.equal(posting?.features.contentHash, edited.contentHash, 'the new content is kept');
  assert.deepEqual(posting?.lifecycle?.ghostFlags, flags, 'the flag is kept');
  const score = await s.ports.tables.get('scores', { jobId: job.jobId });
  assert.equal(score?.contentHash, edited.contentHash);
  assert.ok(
    score?.reasons.some((reason) => reason.kind === 'ghost-risk'),
    'the score carries the ghost-risk penalty',
  );
});

/**
 * Tables whose score commits (transactions writing a `scores` item) interleave as two handlers of one
 * job may on DynamoDB: once `held.arrived` is set, the next commit without a ghost-risk reason is held
 * until a commit carrying one comes, then goes first, and the held-up one after it.
 */
function scoreCommitsInterleaved<
  T extends { transact(writes: readonly { table: string; item: Record<string, unknown> }[]): Promise<boolean> },
>(store: T, held: { arrived?: () => void }): T {
  let release: (() => void) | undefined;
  let releasedCommit: Promise<unknown> | undefined;
  const hasPenalty = (writes: readonly { table: string; item: Record<string, unknown> }[]) =>
    writes.some(
      (write) => write.table === 'scores' && (write.item.reasons as { kind: string }[]).some((reason) => reason.kind === 'ghost-risk'),
    );
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'transact') return typeof value === 'function' ? value.bind(target) : value;
      return async (writes: readonly { table: string; item: Record<string, unknown> }[]) => {
        if (!writes.some((write) => write.table === 'scores')) return target.transact(writes);
        if (held.arrived && !hasPenalty(writes) && !releasedCommit) {
          const gate = new Promise<void>((resolve) => {
            release = resolve;
          });
          releasedCommit = gate.then(() => target.transact(writes));
          held.arrived?.();
          return releasedCommit as Promise<boolean>;
        }
        if (hasPenalty(writes) && release) {
          release();
          release = undefined;
          await releasedCommit;
        }
        return target.transact(writes);
      };
    },
  });
}

test('a job.flagged whose score commit loses to a job.parsed scoring the posting without the flag still gets its penalty', async (t) => {
  const dir = tempDir('jobpipe-recommender-races-');
  const held: { arrived?: () => void } = {};
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'recommender', {
    tables: (store) => scoreCommitsInterleaved(store, held),
  });
  t.after(async () => {
    await ports.close();
    dir.remove();
  });
  const recommender = createRecommender(ports, settings, silentLogger);
  await recommender.handleConfigChanged(1, dataEngineeringConfig(), uncaused);
  await recommender.handleParsed(job, uncaused);
  const parsedCommitHeld = new Promise<void>((resolve) => {
    held.arrived = resolve;
  });

  // The job.parsed stores the new content and is about to commit its score (no flags yet)...
  const parsed = recommender.handleParsed(edited, uncaused);
  await parsedCommitHeld;
  // ...the job.flagged stores the flags on that posting and reads the score; the parsed score commits
  // first, so the flagged one is refused (SCORE_CONFLICT) and delivered again.
  const flagged = delivered(() => recommender.handleFlagged({ jobId: job.jobId, flaggedAt: '2026-03-05T00:00:00.000Z', flags }, uncaused));
  assert.equal(await parsed, 'scored');
  await flagged;

  const posting = (await ports.tables.get('recommenderState', { key: 'posting', sort: job.jobId })) as PostingFeaturesItem | undefined;
  assert.deepEqual(posting?.lifecycle?.ghostFlags, flags);
  const score = await ports.tables.get('scores', { jobId: job.jobId });
  assert.equal(score?.contentHash, edited.contentHash);
  assert.ok(
    score?.reasons.some((reason) => reason.kind === 'ghost-risk'),
    'the score carries the ghost-risk penalty of the stored flags',
  );
});

test('a job.parsed and a job.closed handled at the same time both land on the posting', async (t) => {
  const s = recommenderOn();
  t.after(() => s.close());
  await s.recommender.handleConfigChanged(1, dataEngineeringConfig(), uncaused);
  await s.recommender.handleParsed(job, uncaused);

  const closedAt = '2026-03-06T00:00:00.000Z';
  await Promise.all([
    delivered(() => s.recommender.handleParsed(edited, uncaused)),
    delivered(() => s.recommender.handleClosure(job.jobId, closedAt, closedAt, uncaused)),
  ]);

  const posting = await s.posting(job.jobId);
  assert.equal(posting?.features.contentHash, edited.contentHash);
  assert.equal(posting?.lifecycle?.closedAt, closedAt, 'the closure is kept');
});

test('a posting that closed before it was ever scored is scored once, so it is listed closed with a score', async (t) => {
  const failure = { failing: false, refused: 0 };
  const s = recommenderOn(failure);
  t.after(() => s.close());
  await s.recommender.handleConfigChanged(1, dataEngineeringConfig(), uncaused);

  // Its first delivery kept the posting but could not commit the score (the queue delivers it again later)...
  failure.failing = true;
  await assert.rejects(s.recommender.handleParsed(job, uncaused));
  failure.failing = false;
  // ...and the sweep's job.closed (expired) was handled before the redelivery.
  const closedAt = '2026-03-06T00:00:00.000Z';
  assert.equal(await s.recommender.handleClosure(job.jobId, closedAt, closedAt, uncaused), 'closed');

  assert.equal(await s.recommender.handleParsed(job, uncaused), 'scored');
  const score = await s.ports.tables.get('scores', { jobId: job.jobId });
  assert.equal(score?.contentHash, job.contentHash);
  assert.equal(score?.published, true);

  // Scored once: new content of the closed posting is not recommended again.
  assert.equal(await s.recommender.handleParsed(edited, uncaused), 'closed');
  assert.equal((await s.ports.tables.get('scores', { jobId: job.jobId }))?.contentHash, job.contentHash);
});

test('a job.closed that comes before its job.parsed is kept, so the posting is recorded closed and scored only once', async (t) => {
  const s = recommenderOn();
  t.after(() => s.close());
  await s.recommender.handleConfigChanged(1, dataEngineeringConfig(), uncaused);
  const closedAt = '2026-03-06T00:00:00.000Z';

  assert.equal(await s.recommender.handleClosure(job.jobId, closedAt, closedAt, uncaused), 'kept');
  assert.equal(await s.recommender.handleClosure(job.jobId, closedAt, closedAt, uncaused), 'kept', 'a redelivery keeps the same');

  // Scored once all the same, as any posting that closed before it was scored: listed closed, with a score.
  assert.equal(await s.recommender.handleParsed(job, uncaused), 'scored');
  const posting = await s.posting(job.jobId);
  assert.equal(posting?.lifecycle?.closedAt, closedAt, 'the posting took the early close over');
  assert.equal(await s.recommender.handleParsed(edited, uncaused), 'closed', 'new content of the closed posting is not recommended');
  assert.equal(await s.recommender.handleClosure(job.jobId, closedAt, closedAt, uncaused), 'unchanged');
});

test('a close and a reopen that both come before the job.parsed, in either order, leave the posting open', async (t) => {
  const closedAt = '2026-03-06T00:00:00.000Z';
  const reopenedAt = '2026-03-08T00:00:00.000Z';
  for (const order of ['close first', 'reopen first'] as const) {
    const s = recommenderOn();
    t.after(() => s.close());
    await s.recommender.handleConfigChanged(1, dataEngineeringConfig(), uncaused);
    const close = () => s.recommender.handleClosure(job.jobId, closedAt, closedAt, uncaused);
    const reopen = () => s.recommender.handleClosure(job.jobId, reopenedAt, null, uncaused);
    if (order === 'close first') {
      await close();
      await reopen();
    } else {
      await reopen();
      await close();
    }
    assert.equal(await s.recommender.handleParsed(job, uncaused), 'scored', order);
    const posting = await s.posting(job.jobId);
    assert.equal(posting?.lifecycle?.closedAt, undefined, order);
    assert.equal(posting?.lifecycle?.closureChangedAt, reopenedAt, order);
  }
});

test('a first job.parsed and a job.closed of the job handled at the same time leave the posting closed', async (t) => {
  for (let round = 0; round < 5; round += 1) {
    const s = recommenderOn();
    t.after(() => s.close());
    await s.recommender.handleConfigChanged(1, dataEngineeringConfig(), uncaused);
    const closedAt = '2026-03-06T00:00:00.000Z';
    await Promise.all([
      delivered(() => s.recommender.handleParsed(job, uncaused)),
      delivered(() => s.recommender.handleClosure(job.jobId, closedAt, closedAt, uncaused)),
    ]);
    assert.equal((await s.posting(job.jobId))?.lifecycle?.closedAt, closedAt, `round ${round}`);
  }
});

test('a flag the user dismissed (crm.flag-dismissals-changed) rescores the posting without its penalty; restored, the penalty is back', async (t) => {
  const s = recommenderOn();
  t.after(() => s.close());
  await s.recommender.handleConfigChanged(1, dataEngineeringConfig(), uncaused);
  await s.recommender.handleParsed(job, uncaused);
  await s.recommender.handleFlagged({ jobId: job.jobId, flaggedAt: '2026-03-05T00:00:00.000Z', flags }, uncaused);
  const penaltyPoints = async () =>
    ((await s.ports.tables.get('scores', { jobId: job.jobId }))?.reasons ?? [])
      .filter((reason) => reason.kind === 'ghost-risk')
      .map((reason) => reason.points);
  assert.deepEqual(await penaltyPoints(), [-10]);

  const change = { kind: 'relisted-repeatedly' as const, since: flags[0]!.since };
  const dismissals = [{ ...change, dismissedAt: '2026-03-06T00:00:00.000Z' }];
  const dismissed = { jobId: job.jobId, changedAt: '2026-03-06T00:00:00.000Z', change: { ...change, dismissed: true }, dismissals };
  assert.equal(await s.recommender.handleFlagDismissals(dismissed, uncaused), 'scored');
  assert.deepEqual(await penaltyPoints(), [], 'the dismissed flag costs nothing');
  assert.equal(await s.recommender.handleFlagDismissals(dismissed, uncaused), 'unchanged', 'a redelivery changes nothing');

  const restored = { ...dismissed, changedAt: '2026-03-07T00:00:00.000Z', change: { ...change, dismissed: false }, dismissals: [] };
  assert.equal(await s.recommender.handleFlagDismissals(restored, uncaused), 'scored');
  assert.deepEqual(await penaltyPoints(), [-10]);
});
