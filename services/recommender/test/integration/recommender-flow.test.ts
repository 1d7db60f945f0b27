import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ModelItem } from '@jobpipe/contracts';
import { contracts, type JobpipeConfig, type NormalizedJob, queueOf } from '@jobpipe/contracts';
import { createEmbeddedPorts, EmbeddedBusSender, type EmbeddedPortOverrides, QueueRunner, silentLogger } from '@jobpipe/shared';
import { outboxFailingWhile, tempDir } from '@jobpipe/test-kit';
import { createRecommender, recommenderHandlers } from '../../src/app.js';
import { uncaused } from '../../src/recommender.js';
import { dataEngineeringConfig, normalizedJob } from '../helpers/jobs.js';

const settings = { retrainAfter: 6, retrainQuietSeconds: 60, rescoreBatchSize: 4 };

function stack(overrides: EmbeddedPortOverrides = {}) {
  const dir = tempDir('jobpipe-recommender-');
  const options = { dataDir: dir.path, secretKey: undefined };
  const ports = createEmbeddedPorts(options, 'recommender', overrides);
  const parser = createEmbeddedPorts(options, 'parser');
  const crm = createEmbeddedPorts(options, 'crm-api');
  const recommender = createRecommender(ports, settings, silentLogger);
  const runner = new QueueRunner({
    queue: queueOf('recommender')!,
    consumer: ports.consumer('recommender'),
    registry: contracts(),
    handlers: recommenderHandlers(recommender, ports.clock),
    publisher: ports.publisher,
    logger: silentLogger,
  });
  const scoredQueue = crm.consumer('crm-api');
  return {
    ports,
    recommender,
    async drain() {
      while ((await runner.pollOnce(0)) > 0);
    },
    async parsed(job: NormalizedJob, duplicateOf: { jobId: string; confidence: number } | null = null) {
      await parser.publisher.publish([{ detailType: 'job.parsed', data: { job, change: 'new', duplicateOf } }]);
    },
    async configChanged(version: number, config: JobpipeConfig, sections: ('tracks' | 'searches')[] = ['tracks']) {
      const data = { version, changedAt: '2026-03-01T00:00:00.000Z', sections: sections as ['tracks'], config };
      await crm.publisher.publish([{ detailType: 'config.changed', data }]);
    },
    /** Publishes the parser's lifecycle events (job.closed, job.reopened, job.flagged). */
    async lifecycle(events: Parameters<typeof parser.publisher.publish>[0]) {
      await parser.publisher.publish(events);
    },
    async decided(jobId: string, to: 'shortlisted' | 'closed', changedAt: string) {
      const closedReason = to === 'closed' ? ('not-interested' as const) : null;
      return crm.publisher.publish([
        { detailType: 'crm.stage-changed', data: { jobId, from: 'new', to, closedReason, changedAt, changedBy: 'user' } },
      ]);
    },
    /** The job.scored events that reached crm-api's queue since the last call (other types are acknowledged and left out). */
    async scoredEvents(): Promise<{ jobId: string; score: number; modelVersion: string | null; job: { canonicalJobId?: string } }[]> {
      const found = [];
      for (;;) {
        const messages = await scoredQueue.receive(10, 0);
        if (messages.length === 0) return found;
        // crm-api's queue also takes crm.stage-changed (edits made in the sheet): keep the scores only.
        for (const message of messages) {
          const event = JSON.parse(message.body);
          if (event['detail-type'] === 'job.scored') found.push(event.detail.data);
        }
        await scoredQueue.ack(messages);
      }
    },
    async close() {
      await Promise.all([ports.close(), parser.close(), crm.close()]);
      dir.remove();
    },
  };
}

const jobs = Array.from({ length: 10 }, (_, i) =>
  normalizedJob({
    jobId: `greenhouse:${100 + i}`,
    title: i % 2 === 0 ? 'Data Engineer' : 'Account Executive',
    descriptionText: i % 2 === 0 ? `Spark and Airflow pipelines, team ${i}.` : `Quota, deals and territory, region ${i}.`,
  }),
);

test('the same job.parsed twice gives one score record and one job.scored', async (t) => {
  const s = stack();
  t.after(() => s.close());
  await s.configChanged(1, dataEngineeringConfig());
  await s.parsed(jobs[0]!);
  await s.parsed(jobs[0]!);
  await s.drain();
  const events = await s.scoredEvents();
  assert.equal(events.length, 1);
  assert.equal(events[0]!.jobId, 'greenhouse:100');
  const stored = await s.ports.tables.scan('scores');
  assert.equal(stored.items.length, 1);
  assert.equal(stored.items[0]!.score, events[0]!.score);

  await s.parsed({ ...jobs[0]!, descriptionText: 'Spark, Airflow and dbt pipelines.', contentHash: 'f'.repeat(64) });
  await s.drain();
  assert.equal((await s.scoredEvents()).length, 1, 'changed content is scored again');
  assert.equal((await s.ports.tables.scan('scores')).items.length, 1, 'still one record per job');
});

test("job.scored carries the parser's dedupe link (the canonical job), on the first score and on a rescore", async (t) => {
  const s = stack();
  t.after(() => s.close());
  await s.configChanged(1, dataEngineeringConfig());
  const copy = { ...jobs[0]!, jobId: 'lever:copy-of-100' };
  await s.parsed(jobs[0]!);
  await s.parsed(copy, { jobId: jobs[0]!.jobId, confidence: 0.93 });
  await s.drain();
  const first = new Map((await s.scoredEvents()).map((event) => [event.jobId, event.job.canonicalJobId]));
  assert.deepEqual(Object.fromEntries(first), { 'greenhouse:100': undefined, 'lever:copy-of-100': 'greenhouse:100' });
  const track = dataEngineeringConfig().tracks[0]!;
  await s.configChanged(
    2,
    dataEngineeringConfig({ tracks: [{ ...track, bodyKeywords: [...track.bodyKeywords, { term: 'pipelines', weight: 5 }] }] }),
  );
  await s.drain();
  const rescored = (await s.scoredEvents()).filter((event) => event.jobId === copy.jobId);
  assert.ok(rescored.length > 0, 'the config change rescored the copy');
  assert.ok(
    rescored.every((event) => event.job.canonicalJobId === 'greenhouse:100'),
    'a rescore keeps the link',
  );
});

test('a config change rescores in bounded batches, only where the scoring inputs changed', async (t) => {
  const s = stack();
  t.after(() => s.close());
  const config = dataEngineeringConfig();
  await s.configChanged(1, config);
  for (const job of jobs) await s.parsed(job);
  await s.drain();
  assert.equal((await s.scoredEvents()).length, 10);

  await s.configChanged(2, { ...config, searches: [{ id: 'de-sg', source: 'mcf', keywords: 'data engineer' }] }, ['searches']);
  await s.drain();
  assert.equal((await s.scoredEvents()).length, 0, 'a searches-only change rescores nothing');

  const track = config.tracks[0]!;
  const sales = { ...config, tracks: [{ ...track, bodyKeywords: [...track.bodyKeywords, { term: 'quota', weight: 5 }] }] };
  const report = await s.recommender.handleConfigChanged(3, sales, uncaused);
  assert.deepEqual(report, { examined: 10, rescored: 10, published: 5, batches: 3 });
  const events = await s.scoredEvents();
  assert.deepEqual(events.map((event) => event.jobId).sort(), [
    'greenhouse:101',
    'greenhouse:103',
    'greenhouse:105',
    'greenhouse:107',
    'greenhouse:109',
  ]);

  assert.equal(await s.recommender.handleConfigChanged(3, config, uncaused), undefined, 'an old or repeated version is ignored');
});

test('enough new decisions retrain the model, store it versioned, and rescore with it', async (t) => {
  const s = stack();
  t.after(() => s.close());
  await s.configChanged(1, dataEngineeringConfig({ scoring: { minExamples: 6, trackWeight: 0.5, modelWeight: 0.5 } }));
  for (const job of jobs) await s.parsed(job);
  await s.drain();
  assert.ok(
    (await s.scoredEvents()).every((event) => event.modelVersion === null),
    'tracks only before any decision',
  );

  for (const [i, job] of jobs.slice(0, 5).entries()) {
    await s.decided(job.jobId, i % 2 === 0 ? 'shortlisted' : 'closed', `2026-03-0${i + 1}T00:00:00.000Z`);
  }
  const [repeatedId] = await s.decided(jobs[0]!.jobId, 'shortlisted', '2026-03-01T00:00:00.000Z');
  await s.drain();
  assert.equal(
    await s.ports.tables.get('recommenderState', { key: 'model', sort: 'current' }),
    undefined,
    '5 new decisions: no retrain yet',
  );
  assert.ok(repeatedId);

  await s.decided(jobs[5]!.jobId, 'closed', '2026-03-07T00:00:00.000Z');
  await s.drain();
  const model = (await s.ports.tables.get('recommenderState', { key: 'model', sort: 'current' })) as ModelItem | undefined;
  assert.ok(model, 'the sixth decision retrains');
  assert.equal(model.examples, 6);
  assert.equal(model.blobKey, `models/recommender/${model.version}.json`);
  assert.ok(await s.ports.blobs.exists(model.blobKey));
  const rescored = await s.scoredEvents();
  assert.equal(rescored.length, 10, 'every score moved with the model');
  assert.ok(rescored.every((event) => event.modelVersion === model.version));

  const again = await s.recommender.retrain(uncaused);
  assert.equal(again, undefined, 'the same decisions give the same model: nothing to rescore');
  assert.equal((await s.scoredEvents()).length, 0);
});

test('the debounce: fewer decisions retrain once none arrived for the quiet period', async (t) => {
  const s = stack();
  t.after(() => s.close());
  await s.configChanged(1, dataEngineeringConfig({ scoring: { minExamples: 2 } }));
  for (const [i, job] of jobs.slice(0, 4).entries()) {
    await s.parsed(job);
    await s.decided(job.jobId, i % 2 === 0 ? 'shortlisted' : 'closed', `2026-03-0${i + 1}T00:00:00.000Z`);
  }
  await s.drain();
  assert.equal(await s.recommender.retrainIfDue(uncaused), false, 'within the quiet period');
  const later = createRecommender({ ...s.ports, clock: { now: () => new Date(Date.now() + 61_000) } }, settings, silentLogger);
  assert.equal(await later.retrainIfDue(uncaused), true);
  assert.ok(await s.ports.tables.get('recommenderState', { key: 'model', sort: 'current' }));
  assert.equal(await later.retrainIfDue(uncaused), false, 'nothing pending after the retrain');
});

test('a score commits with its job.scored or not at all; with the bus down a while, each is delivered once after', async (t) => {
  const failure = { failing: false, refused: 0 };
  let busDown = false;
  const s = stack({
    tables: (store) => outboxFailingWhile(store, failure),
    sender: (bus) => {
      const real = new EmbeddedBusSender(bus);
      return { send: async (events) => (busDown ? Promise.reject(new Error('bus unavailable')) : real.send(events)) };
    },
    relayRetry: { minRetryDelayMs: 20, maxRetryDelayMs: 40 },
  });
  t.after(() => s.close());
  await s.configChanged(1, dataEngineeringConfig());
  await s.drain();

  failure.failing = true;
  await s.parsed(jobs[0]!);
  await s.drain();
  assert.ok(failure.refused > 0, 'the commit was tried');
  assert.equal(await s.ports.tables.get('scores', { jobId: 'greenhouse:100' }), undefined, 'no score without its event');
  failure.failing = false;
  // The failed delivery comes back (after its retry delay); it scores at once, nothing holds the job.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await s.drain();
  assert.equal((await s.scoredEvents()).length, 1);

  busDown = true;
  for (const job of jobs.slice(1)) await s.parsed(job);
  await s.drain();
  assert.equal((await s.ports.tables.scan('scores')).items.length, 10, 'scores are accepted while the bus is down');
  assert.equal((await s.scoredEvents()).length, 0, 'nothing reached the bus');
  busDown = false;
  await s.ports.flushEvents();
  await s.parsed(jobs[1]!);
  await s.drain();
  const delivered = (await s.scoredEvents()).map((event) => event.jobId).sort();
  assert.deepEqual(
    delivered,
    jobs
      .slice(1)
      .map((job) => job.jobId)
      .sort(),
    'each accepted score announced exactly once',
  );
});

test('closed postings drop out of new recommendations; ghost-risk flags and staleness cost points with a reason; a reopened posting is scored again', async (t) => {
  const s = stack();
  t.after(() => s.close());
  await s.configChanged(1, dataEngineeringConfig());
  const now = Date.now();
  const fresh = { ...jobs[0]!, firstSeenAt: new Date(now - 2 * 86_400_000).toISOString() };
  const old = { ...jobs[2]!, firstSeenAt: new Date(now - 50 * 86_400_000).toISOString() };
  await s.parsed(fresh);
  await s.parsed(old);
  await s.drain();
  const first = new Map((await s.scoredEvents()).map((event) => [event.jobId, event]));
  const reasonsOf = async (jobId: string) => (await s.ports.tables.get('scores', { jobId }))!.reasons;
  assert.ok(!(await reasonsOf(fresh.jobId)).some((reason) => reason.kind === 'stale'));
  const stale = (await reasonsOf(old.jobId)).find((reason) => reason.kind === 'stale');
  assert.deepEqual([stale?.points, stale?.text], [-5, '\u22125 stale: up 50 days since first seen']);

  const flags = [{ kind: 'relisted-repeatedly' as const, detail: 'listed 3 times under new ids', since: new Date(now).toISOString() }];
  await s.lifecycle([{ detailType: 'job.flagged', data: { jobId: fresh.jobId, flaggedAt: new Date(now).toISOString(), flags } }]);
  await s.drain();
  const [flagged] = await s.scoredEvents();
  assert.equal(flagged?.jobId, fresh.jobId, 'a flag rescores the job');
  assert.equal(flagged!.score, Math.max(0, first.get(fresh.jobId)!.score - 10));
  assert.deepEqual(
    (await reasonsOf(fresh.jobId)).filter((reason) => reason.kind === 'ghost-risk').map((reason) => reason.text),
    ['\u221210 ghost risk: listed 3 times under new ids'],
  );

  const closedAt = new Date(now + 1000).toISOString();
  const closed = {
    jobId: fresh.jobId,
    closedAt,
    closeReason: 'expired' as const,
    firstSeenAt: fresh.firstSeenAt,
    lastSeenAt: fresh.lastSeenAt,
  };
  await s.lifecycle([{ detailType: 'job.closed', data: closed }]);
  await s.drain();
  await s.parsed({ ...fresh, descriptionText: 'Spark and Airflow, edited.', contentHash: 'e'.repeat(64) });
  await s.drain();
  const track = dataEngineeringConfig().tracks[0]!;
  const changed = {
    ...dataEngineeringConfig(),
    tracks: [{ ...track, bodyKeywords: [...track.bodyKeywords, { term: 'airflow', weight: 7 }] }],
  };
  await s.recommender.handleConfigChanged(2, changed, uncaused);
  assert.deepEqual(
    (await s.scoredEvents()).map((event) => event.jobId),
    [old.jobId],
    'neither new content nor a rescore recommends the closed posting',
  );

  const reopened = {
    jobId: fresh.jobId,
    reopenedAt: new Date(now + 2000).toISOString(),
    closedAt,
    previousCloseReason: 'expired' as const,
    searchId: 's',
    runId: 'r',
  };
  await s.lifecycle([{ detailType: 'job.reopened', data: reopened }]);
  await s.drain();
  assert.deepEqual(
    (await s.scoredEvents()).map((event) => event.jobId),
    [fresh.jobId],
    'reopened, it is scored again',
  );
});
