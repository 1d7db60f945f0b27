/**
 * AWS requests of a replay run (`aws.requestsPer1000Postings`, and `aws.ratioToBatchMinimum`, goal ≤ 1.3):
 * the demo's replay boards (200 postings, as `npm start` serves them) scraped, parsed, scored and taken
 * into crm-api's read side by the four pipeline services on the aws transport, each built from its
 * definition over `createAwsPorts` with its own SDK clients, as its container would run it (`serviceQueueRunner`,
 * as `startService` makes it: `eventsTogether`, the service's concurrency, long polls of 20 s).
 *
 * AWS is `startLocalAws` of the test kit: SQS, EventBridge (rules from the topology routing to the
 * queues), DynamoDB (dynalite with TransactWriteItems) and S3 on one local endpoint, in memory, with
 * their real wire protocols; `bootstrapAws` creates the installation first, on clients of its own.
 *
 * Every request the services send is counted by `countAwsRequests` (one count per attempt, retries
 * included); the scrape requests are published by a scheduler on uncounted clients. The batch minimum
 * (`WorkMeter.minimumCalls`): per service and per kind of work its calls carried — events published,
 * messages received, deleted, sent or re-timed, items written, items read by key — ceil(units / batch
 * limit) with PutEvents 10, the SQS batches 10, BatchWriteItem 25, BatchGetItem 100, summed; a call no
 * batch API merges (a Query page, an S3 object, GetQueueUrl) is its own minimum. The ratio is the
 * requests sent over that minimum. Counting runs from the first scrape request until every queue and
 * the outbox are empty; the consumers are then stopped (their last long polls count).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { crmApiService } from '@jobpipe/crm-api';
import { parserService } from '@jobpipe/parser';
import { recommenderService } from '@jobpipe/recommender';
import { startReplayServer } from '@jobpipe/replay';
import { scraperService } from '@jobpipe/scraper';
import {
  type BuiltService,
  OUTBOX_TABLE,
  type QueueRunner,
  type RuntimePorts,
  readRuntimeConfig,
  type ServiceConfig,
  type ServiceDefinition,
  serviceQueueRunner,
  silentLogger,
} from '@jobpipe/shared';
import { AwsRequestCount, AwsResourceNames, bootstrapAws, countAwsRequests, createAwsClients, createAwsPorts } from '@jobpipe/shared/aws';
import { tempDir } from '@jobpipe/test-kit';
import { startLocalAws } from '@jobpipe/test-kit/local-aws';
import { WorkMeter } from '../support/aws-batch-minimum.js';

/** The demo's replay (jobpipe.config.yaml `replay.postings`). */
const POSTINGS = 200;
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
const PIPELINE: readonly ServiceDefinition<ServiceConfig, BuiltService>[] = [
  scraperService,
  parserService,
  recommenderService,
  crmApiService,
];

export default async function awsRequestsBench(): Promise<Record<string, number>> {
  const aws = await startLocalAws();
  const replay = await startReplayServer({ postings: POSTINGS });
  const dataDir = tempDir('jobpipe-bench-aws-requests-');
  const env = {
    ...replay.scraperEnv(),
    ...aws.awsEnv('bench'),
    JOBPIPE_DATA_DIR: dataDir.path,
    JOBPIPE_LOG_LEVEL: 'warn',
  };
  const runtime = readRuntimeConfig(env);
  const names = new AwsResourceNames(runtime.aws.resourcePrefix);
  const countOf = new Map<string, AwsRequestCount>();
  const work = new WorkMeter();
  const open: RuntimePorts[] = [];
  const built: BuiltService[] = [];
  const runners: QueueRunner[] = [];
  try {
    const setupClients = createAwsClients({ ...runtime.aws, credentials });
    await bootstrapAws(runtime, { logger: silentLogger, clients: setupClients });
    const scheduler = await createAwsPorts(runtime, 'scheduler', { clients: setupClients, logger: silentLogger });
    open.push(scheduler);

    for (const service of PIPELINE) {
      const clients = createAwsClients({ ...runtime.aws, credentials });
      countOf.set(service.name, countAwsRequests(clients));
      work.meter(service.name, clients);
      const ports = await createAwsPorts(runtime, service.name, { clients, logger: silentLogger });
      open.push(ports);
      const parts = await service.build(ports, service.readConfig(env), silentLogger);
      built.push(parts);
      const runner = serviceQueueRunner(service.name, ports, parts, { transport: 'aws', logger: silentLogger });
      if (runner) runners.push(runner);
    }
    for (const runner of runners) runner.start();

    const started = performance.now();
    await scheduler.publisher.publish(replay.scrapeRequests('bench').map((data) => ({ detailType: 'scrape.requested', data })));
    await scheduler.flushEvents();
    await drained(() => PIPELINE.map((service) => aws.sqs.depth(names.queue(service.name))), scheduler);
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(runners.map((runner) => runner.stop()));

    const total = new AwsRequestCount();
    for (const serviceCount of countOf.values()) {
      for (const [operation, requests] of serviceCount.byOperation()) total.add(operation, requests);
    }
    const requests = total.total();
    const minimum = work.minimumCalls();
    const deadLetters = PIPELINE.map((service) => `${service.name} ${aws.sqs.depth(names.deadLetterQueue(service.name))}`).join(', ');
    console.log(`  ${POSTINGS} postings through the pipeline in ${seconds.toFixed(1)} s; dead letters: ${deadLetters}`);
    console.log(
      `  requests by operation: ${total
        .byOperation()
        .map(([operation, calls]) => `${operation} ${calls}`)
        .join(', ')}`,
    );
    for (const [service, units] of work.services()) {
      const carried = Object.entries(units).filter(([, total]) => total > 0);
      console.log(
        `  ${service}: requests ${countOf
          .get(service)
          ?.byOperation()
          .map(([operation, total]) => `${operation} ${total}`)
          .join(', ')}`,
      );
      console.log(`  ${' '.repeat(service.length)}  work ${carried.map(([unit, total]) => `${unit} ${total}`).join(', ')}`);
    }
    console.log(`  ${requests} requests against a batch minimum of ${minimum}`);
    setupClients.destroy();
    return {
      'aws.requestsPer1000Postings': (requests / POSTINGS) * 1000,
      'aws.ratioToBatchMinimum': requests / minimum,
    };
  } finally {
    await Promise.all(runners.map((runner) => runner.stop()));
    await Promise.all(built.map((parts) => parts.close?.()));
    await Promise.all(open.map((ports) => ports.close()));
    await replay.close();
    await aws.close();
    dataDir.remove();
  }
}

/** Waits until the pipeline's queues and the outbox are empty twice in a row (a handler may be between its commit and its ack). */
async function drained(depths: () => number[], scheduler: RuntimePorts): Promise<void> {
  const deadline = Date.now() + 600_000;
  let emptyChecks = 0;
  while (emptyChecks < 2) {
    if (Date.now() > deadline) throw new Error(`the pipeline did not drain in 10 minutes (queues: ${depths().join(', ')})`);
    await sleep(500);
    const outboxEmpty = (await scheduler.tables.scan(OUTBOX_TABLE, { limit: 1 })).items.length === 0;
    emptyChecks = outboxEmpty && depths().every((depth) => depth === 0) ? emptyChecks + 1 : 0;
  }
}
