/**
 * AWS transport at rest: the requests the queue consumers of the whole stack send while nothing
 * happens (`aws.idleRequestsPerHour`, goal ≤ 1,200), counted by the request-counting middleware on
 * their SDK clients, and of them the receives (`aws.idleReceivesPerHour`). Every service's consumer
 * runs as in a container (the compose file runs all eight that way; on the CDK stack only the three
 * Fargate services poll, Lambda's event source mappings poll for the others), with the idle back-off
 * its queue has on the aws transport (`idlePauseSeconds`: 40 s for the background queues).
 *
 * The SQS endpoint is a local server speaking SQS's JSON protocol that answers a receive on an empty
 * queue as SQS does: after the asked `WaitTimeSeconds`, with no messages; it also answers DynamoDB's
 * Query (the outbox relays' start-up sweep) with an empty page. Counting starts half-way
 * through the first long polls and lasts one whole cycle of every consumer (three long polls, or one
 * long poll and its 40 s rest), so the window holds whole cycles.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { contracts, QUEUES } from '@jobpipe/contracts';
import { defineHandlers, idlePauseMsOf, QueueRunner, readRuntimeConfig, silentLogger } from '@jobpipe/shared';
import { AwsRequestCount, countAwsRequests, createAwsClients, createAwsPorts } from '@jobpipe/shared/aws';

const POLL_SECONDS = 20;
/** Whole cycles of every consumer: 3 long polls, or 1 long poll and a 40 s rest. */
const WINDOW_SECONDS = 3 * POLL_SECONDS;

/** A local SQS (JSON protocol) whose queues are all empty, and a DynamoDB whose outbox table is. */
async function startEmptySqs(): Promise<{ url: string; receives: () => number; close(): Promise<void> }> {
  let receives = 0;
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const input = JSON.parse(text || '{}') as { QueueName?: string; WaitTimeSeconds?: number };
      const operation = String(request.headers['x-amz-target'] ?? '').replace(/^(AmazonSQS|DynamoDB_20120810)\./, '');
      const answer = (body: unknown) => response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(body));
      // Each relay sweeps its producer's outbox once at start: an idle installation's is empty.
      if (operation === 'Query') return answer({ Items: [], Count: 0, ScannedCount: 0 });
      if (operation === 'GetQueueUrl') return answer({ QueueUrl: `${url}/000000000000/${input.QueueName}` });
      if (operation === 'ReceiveMessage') {
        receives += 1;
        setTimeout(() => answer({}), (input.WaitTimeSeconds ?? 0) * 1000);
        return;
      }
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify({ __type: 'UnsupportedOperation' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    receives: () => receives,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export default async function awsBench(): Promise<Record<string, number>> {
  const sqs = await startEmptySqs();
  const config = readRuntimeConfig({
    JOBPIPE_TRANSPORT: 'aws',
    AWS_ENDPOINT_URL: sqs.url,
    AWS_REGION: 'us-east-1',
    JOBPIPE_RESOURCE_PREFIX: 'bench',
  });
  const count = new AwsRequestCount();
  const runners: QueueRunner[] = [];
  for (const queue of QUEUES) {
    const clients = createAwsClients({ ...config.aws, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
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
  while (sqs.receives() < QUEUES.length) await sleep(50);
  await sleep((POLL_SECONDS / 2) * 1000);
  const before = count.total();
  const receivesBefore = count.total('SQS.ReceiveMessage');
  const countsBefore = new Map(count.byOperation());
  await sleep(WINDOW_SECONDS * 1000);
  const requests = count.total() - before;
  await Promise.all(runners.map((runner) => runner.stop()));
  await sqs.close();
  const receives = count.total('SQS.ReceiveMessage') - receivesBefore;
  const byOperation = count.byOperation().map(([operation, total]) => `${operation} ${total - (countsBefore.get(operation) ?? 0)}`);
  console.log(`  requests in the ${WINDOW_SECONDS} s window: ${byOperation.join(', ')}`);
  return {
    'aws.idleRequestsPerHour': (requests / WINDOW_SECONDS) * 3600,
    'aws.idleReceivesPerHour': (receives / WINDOW_SECONDS) * 3600,
  };
}
