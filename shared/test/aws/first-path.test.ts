import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { DeleteMessageBatchCommand, GetQueueUrlCommand, type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { contracts, queueOf, queuesFor } from '@jobpipe/contracts';
import { playOutboxTable } from '@jobpipe/test-kit/aws';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsClients } from '../../src/aws/aws-clients.js';
import { createAwsPorts } from '../../src/aws/aws-ports.js';
import { silentLogger } from '../../src/ports/logger.js';
import { defineHandlers } from '../../src/runtime/handlers.js';
import { QueueRunner } from '../../src/runtime/queue-runner.js';
import { readRuntimeConfig } from '../../src/runtime/runtime-config.js';
import { eventBridgeDelivery, sqsMessage, testCredentials } from './aws-test-kit.js';

test('aws adapters: scrape.requested via EventBridge reaches the scraper handler, whose job.scraped reaches the parser queue', async () => {
  const config = readRuntimeConfig({ JOBPIPE_TRANSPORT: 'aws', AWS_REGION: 'eu-west-1', JOBPIPE_RESOURCE_PREFIX: 'jp' });
  const clients = createAwsClients({ ...config.aws, credentials: testCredentials });
  const eventBridge = mockClient(clients.eventBridge as EventBridgeClient);
  const sqs = mockClient(clients.sqs as SQSClient);

  // EventBridge: capture what is put on the bus.
  const published: PutEventsRequestEntry[] = [];
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
    published.push(...input.Entries);
    return { FailedEntryCount: 0, Entries: input.Entries.map((_, i) => ({ EventId: `eb-${published.length}-${i}` })) };
  });
  // SQS: the test plays the rules — each queue receives the entries whose detail-type it subscribes to.
  const inbox = new Map<string, Message[]>();
  const route = (entry: PutEventsRequestEntry) => {
    for (const queue of queuesFor(entry.DetailType ?? '')) {
      inbox.set(`jp-${queue.name}`, [...(inbox.get(`jp-${queue.name}`) ?? []), sqsMessage(eventBridgeDelivery(entry, 'eu-west-1'))]);
    }
  };
  sqs
    .on(GetQueueUrlCommand)
    .callsFake((input: { QueueName: string }) => ({ QueueUrl: `https://sqs.eu-west-1.amazonaws.com/1/${input.QueueName}` }));
  sqs.on(ReceiveMessageCommand).callsFake((input: { QueueUrl: string; MaxNumberOfMessages: number }) => {
    const name = input.QueueUrl.split('/').at(-1)!;
    const waiting = inbox.get(name) ?? [];
    inbox.set(name, waiting.slice(input.MaxNumberOfMessages));
    return { Messages: waiting.slice(0, input.MaxNumberOfMessages) };
  });
  sqs
    .on(DeleteMessageBatchCommand)
    .callsFake((input: { Entries: { Id: string }[] }) => ({ Successful: input.Entries.map(({ Id }) => ({ Id })) }));

  playOutboxTable(mockClient(clients.documents), 'jp-outbox');
  const crm = await createAwsPorts(config, 'crm-api', { clients, logger: silentLogger });
  const scraper = await createAwsPorts(config, 'scraper', { clients, logger: silentLogger });
  const handlers = defineHandlers({
    'scrape.requested@1': async (event, context) => {
      await context.publish([
        {
          detailType: 'job.scraped',
          data: {
            source: event.detail.data.source,
            externalId: 'abc-1',
            url: 'https://api.mycareersfuture.gov.sg/v2/jobs/abc-1',
            blobKey: `raw/mcf/abc-1/${'a'.repeat(64)}.json`,
            contentHash: 'a'.repeat(64),
            contentType: 'application/json',
            byteLength: 10,
            fetchedAt: '2026-03-01T09:00:00.000Z',
          },
        },
      ]);
    },
  });
  const runner = new QueueRunner({
    queue: queueOf('scraper')!,
    consumer: scraper.consumer('scraper'),
    registry: contracts(),
    handlers,
    publisher: scraper.publisher,
    logger: silentLogger,
  });

  const [requestId] = await crm.publisher.publish([
    {
      detailType: 'scrape.requested',
      data: { searchId: 'de-sg', source: 'mcf', runId: 'run-1', requestedBy: 'user', keywords: 'data engineer' },
    },
  ]);
  await crm.flushEvents();
  published.forEach(route);
  assert.equal(await runner.pollOnce(0), 1, 'the scraper queue delivered the scrape.requested');
  assert.equal(sqs.commandCalls(DeleteMessageBatchCommand).length, 1, 'handled message deleted');

  await scraper.flushEvents();
  const scraped = published.find((entry) => entry.DetailType === 'job.scraped');
  assert.ok(scraped, 'the handler put a job.scraped on the bus');
  assert.equal(scraped.Source, 'jp.scraper', 'the installation (resource prefix) leads the source');
  assert.equal(scraped.EventBusName, 'jobpipe');
  const detail = JSON.parse(scraped.Detail ?? '');
  assert.deepEqual(contracts().validate('job.scraped', detail), { ok: true });
  assert.equal(detail.meta.correlationId, requestId, 'correlation carried from event to event');
  assert.equal(detail.meta.causationId, requestId);

  route(scraped);
  const [delivered] = await crm.consumer('parser').receive(10, 0);
  assert.ok(delivered, 'the parser queue received the job.scraped');
  const event = JSON.parse(delivered.body);
  assert.equal(event['detail-type'], 'job.scraped');
  assert.equal(event.detail.meta.eventId, detail.meta.eventId);
  await Promise.all([crm.close(), scraper.close()]);
});
