import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { ChangeMessageVisibilityCommand, GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { BusEvent } from '@jobpipe/contracts';
import { busEvent, lambdaTestEnvironment } from '@jobpipe/test-kit';
import { playOutboxTable } from '@jobpipe/test-kit/aws';
import { mockClient } from 'aws-sdk-client-mock';
import { normalizedJob } from './helpers/jobs.js';

Object.assign(process.env, lambdaTestEnvironment());
const eventBridge = mockClient(EventBridgeClient);
const sqs = mockClient(SQSClient);
mockClient(S3Client);
const dynamo = mockClient(DynamoDBDocumentClient);
const { handler } = await import('../src/lambda.js');

const published: PutEventsRequestEntry[] = [];

function record(messageId: string, event: BusEvent | Record<string, unknown>) {
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body: JSON.stringify(event),
    attributes: { ApproximateReceiveCount: '1' },
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:jp-recommender',
  };
}

const parsed = (jobId: string) =>
  busEvent('job.parsed', { job: normalizedJob({ jobId, title: 'Senior Data Engineer' }), change: 'new', duplicateOf: null }, 'parser');

const isPendingRead = (input: { TableName?: string; Key?: Record<string, unknown> }) =>
  input.TableName === 'jp-recommenderState' && input.Key?.key === 'model' && input.Key?.sort === 'pending';

beforeEach(() => {
  published.length = 0;
  eventBridge.reset();
  sqs.reset();
  dynamo.reset();
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
    published.push(...input.Entries);
    return { FailedEntryCount: 0, Entries: input.Entries.map((_, i) => ({ EventId: `eb-${i}` })) };
  });
  dynamo.on(GetCommand).resolves({});
  // Reads asked together go out as one BatchGetItem (DynamoTableStore's gathered reads).
  dynamo.on(BatchGetCommand).resolves({ Responses: {} });
  dynamo.on(QueryCommand).resolves({ Items: [] });
  dynamo.on(ScanCommand).resolves({ Items: [] });
  const busy = (item: Record<string, unknown>) => item.sort === 'greenhouse:busy';
  dynamo.on(PutCommand).callsFake((input: { Item: Record<string, unknown> }) => {
    if (busy(input.Item)) throw new Error('ProvisionedThroughputExceededException');
    return {};
  });
  // The batch's posting writes go out as one transaction: DynamoDB refusing it refuses the busy one's alone.
  playOutboxTable(dynamo, 'jp-outbox', busy);
  sqs.on(GetQueueUrlCommand).callsFake((input: { QueueName: string }) => ({ QueueUrl: `https://sqs.local/1/${input.QueueName}` }));
  sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
  sqs.on(ChangeMessageVisibilityCommand).resolves({});
});

test('recommender Lambda: parsed jobs are scored, invalid events dead-lettered, store failures retried', async () => {
  const invalid = parsed('greenhouse:invalid') as unknown as { detail: { data: Record<string, unknown> } };
  delete invalid.detail.data.change;
  const response = await handler({
    Records: [record('scored', parsed('greenhouse:1001')), record('invalid', invalid), record('busy', parsed('greenhouse:busy'))],
  });

  assert.deepEqual(response, { batchItemFailures: [{ itemIdentifier: 'busy' }] });
  const scored = published.filter((entry) => entry.DetailType === 'job.scored').map((entry) => JSON.parse(entry.Detail!).data);
  assert.deepEqual(
    scored.map((data) => data.jobId),
    ['greenhouse:1001'],
  );
  assert.equal(typeof scored[0].score, 'number');
  const deadLetters = sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
  assert.deepEqual(
    deadLetters.map((input) => input.QueueUrl),
    ['https://sqs.local/1/jp-recommender-dlq'],
  );
  assert.match(String(deadLetters[0]?.MessageAttributes?.['jobpipe-reason']?.StringValue), /^invalid 'job\.parsed' event: .*change/);
});

test('recommender Lambda: the retrain check runs after the batch, and its failure does not fail the batch', async () => {
  dynamo.on(GetCommand).callsFake((input: { TableName: string; Key: Record<string, unknown> }) => {
    if (isPendingRead(input)) throw new Error('ThrottlingException');
    return {};
  });
  const response = await handler({ Records: [record('scored', parsed('greenhouse:1002'))] });
  assert.deepEqual(response, { batchItemFailures: [] });
  assert.ok(
    dynamo.commandCalls(GetCommand).some((call) => isPendingRead(call.args[0].input)),
    'the pending decisions were read',
  );
  assert.ok(published.some((entry) => entry.DetailType === 'job.scored'));
});
