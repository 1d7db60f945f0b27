import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { ChangeMessageVisibilityCommand, GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { EventDataMap } from '@jobpipe/contracts';
import { busEvent, lambdaTestEnvironment } from '@jobpipe/test-kit';
import { type PlayedOutboxTable, playOutboxTable } from '@jobpipe/test-kit/aws';
import { mockClient } from 'aws-sdk-client-mock';
import { fixtureBytes } from './fixtures.js';

Object.assign(process.env, lambdaTestEnvironment({ JOBPIPE_BUCKET: 'jp-blobs' }));
const eventBridge = mockClient(EventBridgeClient);
const sqs = mockClient(SQSClient);
const s3 = mockClient(S3Client);
const dynamo = mockClient(DynamoDBDocumentClient);
const { handler } = await import('../src/lambda.js');

const MCF_ID = '4f0a7c2e9b1d4e6f8a3c5b7d9e1f2a3b';
const blobs = new Map<string, Buffer>([
  [`raw/mcf/${MCF_ID}/${'a'.repeat(64)}.json`, fixtureBytes('mcf/job-detail-data-engineer.json')],
  [`raw/mcf/garbled/${'b'.repeat(64)}.json`, Buffer.from('{"uuid": "garbled", "title": ')],
]);
const published: PutEventsRequestEntry[] = [];
let dynamoTables: PlayedOutboxTable;

function scraped(externalId: string, hash: string): EventDataMap['job.scraped'] {
  return {
    source: 'mcf',
    externalId,
    url: `https://api.mycareersfuture.gov.sg/v2/jobs/${externalId}`,
    blobKey: `raw/mcf/${externalId}/${hash.repeat(64)}.json`,
    contentHash: hash.repeat(64),
    contentType: 'application/json',
    byteLength: 100,
    fetchedAt: '2026-07-20T08:00:00.000Z',
  };
}

function record(messageId: string, data: EventDataMap['job.scraped']) {
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body: JSON.stringify(busEvent('job.scraped', data, 'scraper')),
    attributes: { ApproximateReceiveCount: '1' },
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:jp-parser',
  };
}

beforeEach(() => {
  published.length = 0;
  for (const mock of [eventBridge, sqs, s3, dynamo]) mock.reset();
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
    published.push(...input.Entries);
    return { FailedEntryCount: 0, Entries: input.Entries.map((_, i) => ({ EventId: `eb-${i}` })) };
  });
  s3.on(GetObjectCommand).callsFake((input: { Key: string }) => {
    const body = blobs.get(input.Key);
    if (!body) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } });
    return { Body: { transformToByteArray: async () => new Uint8Array(body) } };
  });
  dynamo.on(GetCommand).resolves({});
  dynamo.on(QueryCommand).resolves({ Items: [] });
  dynamo.on(PutCommand).resolves({});
  dynamoTables = playOutboxTable(dynamo, 'jp-outbox');
  sqs.on(GetQueueUrlCommand).callsFake((input: { QueueName: string }) => ({ QueueUrl: `https://sqs.local/1/${input.QueueName}` }));
  sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
  sqs.on(ChangeMessageVisibilityCommand).resolves({});
});

test('parser Lambda: an SQS batch in, parsed jobs out, bad bodies dead-lettered, missing bodies retried', async () => {
  const response = await handler({
    Records: [
      record('good', scraped(MCF_ID, 'a')),
      record('garbled', scraped('garbled', 'b')),
      record('not-yet', scraped('not-yet-stored', 'c')),
    ],
  });

  assert.deepEqual(response, { batchItemFailures: [{ itemIdentifier: 'not-yet' }] });
  const stored = dynamoTables.puts.filter((put) => put.table !== 'jp-outbox').map((put) => `${put.table} ${put.item.jobId}`);
  assert.deepEqual(stored, [`jp-jobs mcf:${MCF_ID}`], 'only the good posting is written');
  assert.deepEqual(
    published.map((entry) => [entry.EventBusName, entry.DetailType, JSON.parse(entry.Detail!).data.job.jobId]),
    [['jp-bus', 'job.parsed', `mcf:${MCF_ID}`]],
  );
  const deadLetters = sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
  assert.equal(deadLetters.length, 1);
  assert.equal(deadLetters[0]?.QueueUrl, 'https://sqs.local/1/jp-parser-dlq');
  assert.match(String(deadLetters[0]?.MessageAttributes?.['jobpipe-reason']?.StringValue), /^JSON_TRUNCATED: /);
  const retried = sqs.commandCalls(ChangeMessageVisibilityCommand).map((call) => call.args[0].input.ReceiptHandle);
  assert.deepEqual(retried, ['receipt-not-yet']);
});

test('parser Lambda: a publish that keeps failing leaves the record on the queue; the retry sends the waiting event once', async () => {
  eventBridge.on(PutEventsCommand).rejects(new Error('ThrottlingException'));
  const response = await handler({ Records: [record('good-again', scraped(MCF_ID, 'a'))] });
  assert.deepEqual(response, { batchItemFailures: [{ itemIdentifier: 'good-again' }] });
  assert.equal(sqs.commandCalls(SendMessageCommand).length, 0);
  assert.equal(dynamoTables.entries.size, 1, 'the job.parsed waits in the outbox');

  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
    published.push(...input.Entries);
    return { FailedEntryCount: 0, Entries: input.Entries.map((_, i) => ({ EventId: `eb-${i}` })) };
  });
  const stored = dynamoTables.puts.find((put) => put.table === 'jp-jobs')!.item;
  dynamo.on(GetCommand).resolves({ Item: stored });
  const retry = await handler({
    Records: [{ ...record('good-again', scraped(MCF_ID, 'a')), attributes: { ApproximateReceiveCount: '2' } }],
  });
  assert.deepEqual(retry, { batchItemFailures: [] });
  assert.deepEqual(
    published.map((entry) => entry.DetailType),
    ['job.parsed'],
  );
  assert.equal(dynamoTables.entries.size, 0);
});
