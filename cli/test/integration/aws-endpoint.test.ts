/**
 * The aws transport against whatever AWS endpoint `JOBPIPE_TEST_AWS_ENDPOINT` names (an AWS-compatible
 * server such as LocalStack or moto's server mode; never run against a real account's resources by
 * accident: every resource gets a fresh prefix). It bootstraps an installation, runs the scraper,
 * parser, recommender and crm-api on it (each with its own SDK clients, as separate processes would
 * have), and checks what a user would: a scrape of the replay source is listed by `GET /jobs`; a stage
 * change reaches the recommender, also when publishing failed for a while; a dead letter is redriven.
 * Skipped with one line when the variable is unset.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { contracts, type ProducerName, queueOf, TABLES } from '@jobpipe/contracts';
import { buildCrmApi, type CrmApiApp, createApiKey, crmApiService } from '@jobpipe/crm-api';
import { parserService } from '@jobpipe/parser';
import { recommenderService } from '@jobpipe/recommender';
import { startReplayServer } from '@jobpipe/replay';
import { scraperService } from '@jobpipe/scraper';
import {
  type BuiltService,
  type Logger,
  openSqlite,
  QueueRunner,
  type RuntimeConfig,
  type RuntimePorts,
  readRuntimeConfig,
  type ServiceConfig,
  type ServiceDefinition,
  silentLogger,
  systemClock,
} from '@jobpipe/shared';
import { type AwsClients, bootstrapAws, createAwsClients, createAwsPorts } from '@jobpipe/shared/aws';
import { tempDir, waitFor } from '@jobpipe/test-kit';
import { repositoryConfigText, testConfig } from '../support/test-config.js';

const endpoint = process.env.JOBPIPE_TEST_AWS_ENDPOINT;
const POSTINGS = 12;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

type AnyService = ServiceDefinition<ServiceConfig, BuiltService>;

/** One service on the aws transport, started as its process entry would, over clients the test may watch. */
interface RunningOnAws {
  readonly ports: RuntimePorts;
  readonly built: BuiltService;
  stop(): Promise<void>;
}

/** A SQLite file crm-api can open as an analytics snapshot (what etl would have put in the bucket). */
function emptyAnalyticsSnapshot(path: string): Buffer {
  const db = openSqlite(path);
  db.exec('CREATE TABLE fact_jobs (job_id TEXT PRIMARY KEY)');
  db.close();
  return readFileSync(path);
}

async function startOnAws(definition: AnyService, env: Record<string, string>, clients: AwsClients, logger: Logger): Promise<RunningOnAws> {
  const config = definition.readConfig(env);
  const ports = await createAwsPorts(config.runtime, definition.name as ProducerName, { clients, logger });
  const built = await definition.build(ports, config, logger);
  const queue = queueOf(definition.name)!;
  const runner = new QueueRunner({
    queue,
    consumer: ports.consumer(queue.name),
    registry: contracts(),
    handlers: built.handlers,
    publisher: ports.publisher,
    eventsTogether: (work) => ports.eventsTogether(work),
    gatherTurns: true,
    logger,
    waitMs: 1000,
  });
  runner.start();
  return {
    ports,
    built,
    async stop() {
      await runner.stop();
      await built.close?.();
      await ports.close();
    },
  };
}

/** EventBridge clients whose PutEvents fail while `down` is set (a bus outage as the SDK sees it). */
function withFailingPutEvents(clients: AwsClients): { down: boolean } {
  const state = { down: false };
  clients.eventBridge.middlewareStack.add(
    (next, context) => async (args) => {
      if (state.down && context.commandName === 'PutEventsCommand') {
        throw Object.assign(new Error('EventBridge unavailable (test outage)'), { name: 'ServiceUnavailable', $retryable: {} });
      }
      return next(args);
    },
    { step: 'initialize', name: 'testOutage' },
  );
  return state;
}

test('against JOBPIPE_TEST_AWS_ENDPOINT: bootstrap, scrape → GET /jobs, a stage change, recovery from failed publishing, DLQ redrive', {
  timeout: 600_000,
}, async (t) => {
  if (!endpoint) {
    t.skip('JOBPIPE_TEST_AWS_ENDPOINT unset: the test against an AWS endpoint not run');
    return;
  }
  const prefix = `jpt${Date.now().toString(36)}`;
  const dir = tempDir('jobpipe-aws-endpoint-');
  const replay = await startReplayServer({ postings: POSTINGS });
  const env = (name: string): Record<string, string> => ({
    JOBPIPE_TRANSPORT: 'aws',
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: 'us-east-1',
    JOBPIPE_RESOURCE_PREFIX: prefix,
    JOBPIPE_EVENT_BUS: prefix,
    JOBPIPE_BUCKET: `${prefix}-blobs`,
    JOBPIPE_DATA_DIR: join(dir.path, name),
    JOBPIPE_LOG_LEVEL: 'warn',
    ...(name === 'scraper' ? replay.scraperEnv() : {}),
  });
  const runtime: RuntimeConfig = readRuntimeConfig(env('bootstrap'));
  const clientsOf = () => createAwsClients({ ...runtime.aws, credentials });
  const running: RunningOnAws[] = [];
  t.after(async () => {
    for (const service of running.reverse()) await service.stop();
    await replay.close();
    dir.remove();
  });

  // Bootstrap: bus, queues with their DLQs and rules, tables (readModel with its indexes included), bucket.
  const report = await bootstrapAws(runtime, { clients: clientsOf(), logger: silentLogger });
  assert.equal(report.tables.length, Object.keys(TABLES).length);

  const crmClients = clientsOf();
  const outage = withFailingPutEvents(crmClients);
  const crm = await startOnAws(crmApiService as AnyService, env('crm-api'), crmClients, silentLogger);
  for (const definition of [scraperService, parserService, recommenderService] as AnyService[]) {
    running.push(await startOnAws(definition, env(definition.name), clientsOf(), silentLogger));
  }
  running.push(crm);
  const { context } = crm.built as unknown as CrmApiApp;
  const api = await buildCrmApi(context);
  t.after(() => api.close());
  const { key } = await createApiKey(context.tables, systemClock, { name: 'aws-endpoint-test' });
  const call = async <T>(method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown): Promise<T> => {
    const response = await api.inject({ method, url, headers: { 'x-api-key': key }, ...(payload ? { payload: payload as object } : {}) });
    assert.ok(response.statusCode < 300, `${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json() as T;
  };

  // The repository's tracks, so the recommender scores; then a scrape of every replay search.
  const { pipeline } = testConfig(repositoryConfigText());
  const stored = await call<{ version: number }>('GET', '/config');
  await call('PUT', '/config', { config: { ...pipeline, searches: [] }, expectedVersion: stored.version });
  await crm.ports.publisher.publish(replay.scrapeRequests('aws-1').map((data) => ({ detailType: 'scrape.requested' as const, data })));
  const listed = async () =>
    (await call<{ items: { jobId: string; score: number }[] }>('GET', '/jobs?collapse=false&sort=score&order=desc&limit=100')).items;
  let listedCount = 0;
  const allListed = async () => {
    listedCount = (await listed()).length;
    return listedCount === replay.postings.length;
  };
  await waitFor('every replay posting to be listed by GET /jobs', allListed, {
    timeoutMs: 300_000,
    detail: () => `listed ${listedCount} of ${replay.postings.length}`,
  });
  const jobs = await listed();
  for (let i = 1; i < jobs.length; i++) assert.ok(jobs[i - 1]!.score >= jobs[i]!.score, 'sorted by score');
  assert.equal((await call<{ jobs: number }>('GET', '/health')).jobs, replay.postings.length);

  // A stage change while PutEvents fails: accepted (committed with its event), delivered after recovery.
  const recommender = running[2]!;
  const decisionOf = (jobId: string) => recommender.ports.tables.get('recommenderState', { key: 'decision', sort: jobId });
  const [first, second] = jobs;
  await call('POST', `/jobs/${encodeURIComponent(first!.jobId)}/stage`, { to: 'closed', closedReason: 'not-interested' });
  await waitFor('the recommender to record the stage change', async () => (await decisionOf(first!.jobId)) !== undefined, {
    timeoutMs: 60_000,
  });
  outage.down = true;
  await call('POST', `/jobs/${encodeURIComponent(second!.jobId)}/stage`, { to: 'closed', closedReason: 'rejected' });
  await assert.rejects(crm.ports.flushEvents(), /unavailable/);
  assert.equal(await decisionOf(second!.jobId), undefined, 'nothing went out during the outage');
  outage.down = false;
  await crm.ports.flushEvents();
  await waitFor(
    'the stage change made during the outage to reach the recommender',
    async () => (await decisionOf(second!.jobId)) !== undefined,
    {
      timeoutMs: 60_000,
    },
  );
  // Both moves show in the shared read model's stage list (highest score first).
  const closed = await call<{ items: { jobId: string }[] }>('GET', '/jobs?stage=closed&sort=score&order=desc');
  assert.deepEqual(
    closed.items.map((job) => job.jobId),
    [first!.jobId, second!.jobId],
  );

  // A dead letter (a snapshot announced before it reached the bucket) is redriven once the blob is there.
  const announced = { requestId: 'aws-endpoint-1', snapshotBlobKey: 'analytics/snapshots/aws-endpoint-1.sqlite' };
  const etl = await createAwsPorts(runtime, 'etl', { clients: clientsOf(), logger: silentLogger });
  t.after(() => etl.close());
  await etl.publisher.publish([
    {
      detailType: 'etl.completed',
      data: {
        ...announced,
        completedAt: new Date().toISOString(),
        durationMs: 1,
        rows: { jobs: 0, stageChanges: 0, applications: 0, skills: 0 },
      },
    },
  ]);
  await waitFor('the etl.completed to be dead-lettered', async () => (await crm.ports.deadLetters.count('crm-api')) === 1, {
    timeoutMs: 60_000,
  });
  const [deadLetter] = await crm.ports.deadLetters.list('crm-api', 10);
  assert.match(deadLetter!.reason ?? '', /not in the blob store/);
  await crm.ports.blobs.put(announced.snapshotBlobKey, emptyAnalyticsSnapshot(join(dir.path, 'snapshot.sqlite')));
  assert.equal(await crm.ports.deadLetters.redrive('crm-api'), 1);
  await waitFor('the redriven snapshot to be taken', async () => (await call<{ analytics: boolean }>('GET', '/health')).analytics, {
    timeoutMs: 60_000,
  });
  assert.equal(await crm.ports.deadLetters.count('crm-api'), 0);
});
