/**
 * AWS transport at rest: the requests the queue consumers of the whole stack send while nothing
 * happens (`aws.idleRequestsPerHour`, goal ≤ 1,200), counted by the request-counting middleware on
 * their SDK clients. Every service's consumer runs as in a container (the compose file runs all eight
 * that way; on the CDK stack only the three Fargate services poll, Lambda's event source mappings poll
 * for the others).
 *
 * The SQS endpoint is a local server speaking SQS's JSON protocol that answers a receive on an empty
 * queue as SQS does: after the asked `WaitTimeSeconds`, with no messages. Counting starts half-way
 * through the first long polls and lasts three whole poll periods, so the window holds whole polls.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { contracts, QUEUES } from '@jobpipe/contracts';
import { defineHandlers, QueueRunner, readRuntimeConfig, silentLogger } from '@jobpipe/shared';
import { AwsRequestCount, countAwsRequests, createAwsClients, createAwsPorts } from '@jobpipe/shared/aws';

const POLL_SECONDS = 20;
const WINDOW_SECONDS = 3 * POLL_SECONDS;

/** A local SQS (JSON protocol) whose queues are all empty. */
async function startEmptySqs(): Promise<{ url: string; receives: () => number; close(): Promise<void> }> {
  let receives = 0;
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const input = JSON.parse(text || '{}') as { QueueName?: string; WaitTimeSeconds?: number };
      const operation = String(request.headers['x-amz-target'] ?? '').replace('AmazonSQS.', '');
      const answer = (body: unknown) => response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(body));
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
      logger: silentLogger,
    });
    runner.start();
    runners.push(runner);
  }
  while (sqs.receives() < QUEUES.length) await sleep(50);
  await sleep((POLL_SECONDS / 2) * 1000);
  const before = count.total();
  await sleep(WINDOW_SECONDS * 1000);
  const requests = count.total() - before;
  await Promise.all(runners.map((runner) => runner.stop()));
  await sqs.close();
  return { 'aws.idleRequestsPerHour': (requests / WINDOW_SECONDS) * 3600 };
}
