/**
 * AWS transport at rest: the requests the queue consumers of the whole stack send while nothing
 * happens (`aws.idleRequestsPerHour`, goal ≤ 1,200), counted by the request-counting middleware on
 * their SDK clients, and of them the receives (`aws.idleReceivesPerHour`). Every service's consumer
 * runs as in a container (the compose file runs all eight that way; on the CDK stack only the three
 * Fargate services poll, Lambda's event source mappings poll for the others), with the idle back-off
 * its queue has on the aws transport (`idlePauseSeconds`: 40 s for the background queues).
 *
 * AWS is the test kit's local endpoint (`startLocalAws`: SQS answering a receive on an empty queue as
 * SQS does, after the asked `WaitTimeSeconds`, with no messages; DynamoDB for the outbox relays'
 * start-up sweep), bootstrapped first on clients of its own. Counting starts half-way
 * through the first long polls and lasts one whole cycle of every consumer (three long polls, or one
 * long poll and its 40 s rest), so the window holds whole cycles.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { contracts, QUEUES } from '@jobpipe/contracts';
import { defineHandlers, idlePauseMsOf, QueueRunner, readRuntimeConfig, silentLogger } from '@jobpipe/shared';
import { AwsRequestCount, bootstrapAws, countAwsRequests, createAwsClients, createAwsPorts } from '@jobpipe/shared/aws';
import { startLocalAws } from '@jobpipe/test-kit/local-aws';

const POLL_SECONDS = 20;
/** Whole cycles of every consumer: 3 long polls, or 1 long poll and a 40 s rest. */
const WINDOW_SECONDS = 3 * POLL_SECONDS;

export default async function awsBench(): Promise<Record<string, number>> {
  const aws = await startLocalAws();
  const config = readRuntimeConfig(aws.awsEnv('bench'));
  const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
  const setupClients = createAwsClients({ ...config.aws, credentials });
  await bootstrapAws(config, { logger: silentLogger, clients: setupClients });
  setupClients.destroy();
  const count = new AwsRequestCount();
  const runners: QueueRunner[] = [];
  for (const queue of QUEUES) {
    const clients = createAwsClients({ ...config.aws, credentials });
    countAwsRequests(clients, count);
    const ports = await createAwsPorts(config, queue.consumer, { clients, logger: silentLogger });
    const runner = new QueueRunner({
      queue,
      consumer: ports.consumer(queue.name),
      registry: contracts(),
      handlers: defineHandlers({}),
      publisher: ports.publisher,
      idlePauseMs: idlePauseMsOf(queue, 'aws'),
      logger: silentLogger,
    });
    runner.start();
    runners.push(runner);
  }
  while (count.total('SQS.ReceiveMessage') < QUEUES.length) await sleep(50);
  await sleep((POLL_SECONDS / 2) * 1000);
  const before = count.total();
  const receivesBefore = count.total('SQS.ReceiveMessage');
  const countsBefore = new Map(count.byOperation());
  await sleep(WINDOW_SECONDS * 1000);
  const requests = count.total() - before;
  await Promise.all(runners.map((runner) => runner.stop()));
  await aws.close();
  const receives = count.total('SQS.ReceiveMessage') - receivesBefore;
  const byOperation = count.byOperation().map(([operation, total]) => `${operation} ${total - (countsBefore.get(operation) ?? 0)}`);
  console.log(`  requests in the ${WINDOW_SECONDS} s window: ${byOperation.join(', ')}`);
  return {
    'aws.idleRequestsPerHour': (requests / WINDOW_SECONDS) * 3600,
    'aws.idleReceivesPerHour': (receives / WINDOW_SECONDS) * 3600,
  };
}
