import assert from 'node:assert/strict';
import { after, beforeEach, test } from 'node:test';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ChangeMessageVisibilityCommand, GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { busEvent, lambdaTestEnvironment, tempDir } from '@jobpipe/test-kit';
import { mockClient } from 'aws-sdk-client-mock';

const dataDir = tempDir('etl-lambda-');
after(() => dataDir.remove());
Object.assign(process.env, lambdaTestEnvironment({ JOBPIPE_DATA_DIR: dataDir.path, JOBPIPE_BUCKET: 'jp-blobs' }));
const eventBridge = mockClient(EventBridgeClient);
const sqs = mockClient(SQSClient);
const s3 = mockClient(S3Client);
const dynamo = mockClient(DynamoDBDocumentClient);
const { handler } = await import('../src/lambda.js');

const published: PutEventsRequestEntry[] = [];

const requested = (requestId: string) =>
  busEvent('etl.requested', { requestId, kind: 'full', requestedAt: '2026-03-01T06:00:00.000Z' }, 'scheduler');

function record(messageId: string, body: unknown) {
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body: JSON.stringify(body),
    attributes: { ApproximateReceiveCount: '1' },
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:jp-etl',
  };
}

beforeEach(() => {
  published.length = 0;
  for (const mock of [eventBridge, sqs, s3, dynamo]) mock.reset();
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
    published.push(...input.Entries);
    return { FailedEntryCount: 0, Entries: input.Entries.map((_, i) => ({ EventId: `eb-${i}` })) };
  });
  s3.on(PutObjectCommand).resolves({});
  dynamo.on(GetCommand).resolves({});
  dynamo.on(QueryCommand).resolves({ Items: [] });
  dynamo.on(ScanCommand).resolves({ Items: [] });
  sqs.on(GetQueueUrlCommand).callsFake((input: { QueueName: string }) => ({ QueueUrl: `https://sqs.local/1/${input.QueueName}` }));
  sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
  sqs.on(ChangeMessageVisibilityCommand).resolves({});
});

test('etl Lambda: a full rebuild request puts the SQLite snapshot in S3 and announces it', async () => {
  const response = await handler({ Records: [record('rebuild', requested('nightly-1'))] });
  assert.deepEqual(response, { batchItemFailures: [] });
  const uploads = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
  assert.deepEqual(
    uploads.map((input) => [input.Bucket, input.Key]),
    [['jp-blobs', 'analytics/snapshots/nightly-1.sqlite']],
  );
  assert.equal(
    Buffer.from(uploads[0]!.Body as Uint8Array)
      .subarray(0, 15)
      .toString(),
    'SQLite format 3',
    'a SQLite file',
  );
  assert.deepEqual(
    published.map((entry) => [entry.DetailType, JSON.parse(entry.Detail!).data.snapshotBlobKey]),
    [['etl.completed', 'analytics/snapshots/nightly-1.sqlite']],
  );
  assert.ok(
    dynamo.commandCalls(ScanCommand).some((call) => call.args[0].input.TableName === 'jp-jobs'),
    'read the jobs table',
  );
});

test('etl Lambda: a snapshot upload that fails is retried, an event of another service is dead-lettered', async () => {
  s3.on(PutObjectCommand).rejects(new Error('SlowDown'));
  const stranger = busEvent('scrape.requested', { searchId: 's', source: 'mcf', runId: 'r', requestedBy: 'cli' }, 'crm-api');
  const response = await handler({ Records: [record('rebuild', requested('nightly-2')), record('stranger', stranger)] });
  assert.deepEqual(response, { batchItemFailures: [{ itemIdentifier: 'rebuild' }] });
  assert.deepEqual(
    sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input.MessageAttributes?.['jobpipe-reason']?.StringValue),
    ["no handler for 'scrape.requested@1'"],
  );
  assert.equal(published.length, 0);
});
