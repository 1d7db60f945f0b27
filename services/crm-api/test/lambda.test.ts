import assert from 'node:assert/strict';
import { after, beforeEach, test } from 'node:test';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { ChangeMessageVisibilityCommand, GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type Item, ManualClock, type TableStore } from '@jobpipe/shared';
import { busEvent, tempDir } from '@jobpipe/test-kit';
import { mockClient } from 'aws-sdk-client-mock';
import { createApiKey } from '../src/adapters/api-keys.js';
import { scoredData } from './helpers.js';

const dataDir = tempDir('crm-api-lambda-');
after(() => dataDir.remove());
Object.assign(process.env, {
  JOBPIPE_TRANSPORT: 'aws',
  JOBPIPE_DATA_DIR: dataDir.path,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  JOBPIPE_RESOURCE_PREFIX: 'jp',
  JOBPIPE_EVENT_BUS: 'jp-bus',
  JOBPIPE_LOG_LEVEL: 'silent',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});
const eventBridge = mockClient(EventBridgeClient);
const sqs = mockClient(SQSClient);
mockClient(S3Client);
const dynamo = mockClient(DynamoDBDocumentClient);
const { handler } = await import('../src/lambda.js');

// The key's stored record, as `jobpipe apikey create` would have put it in DynamoDB.
let storedKey: Item | undefined;
const keyTable = {
  async put(_table: string, item: Item) {
    storedKey = item;
    return true;
  },
} as unknown as TableStore;
const { key } = await createApiKey(keyTable, new ManualClock(new Date('2026-03-01T00:00:00.000Z')), { name: 'lambda-test' });

function sqsRecord(messageId: string, body: string) {
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body,
    attributes: { ApproximateReceiveCount: '1' },
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:jp-crm-api',
  };
}

/** A Function URL request (payload format 2.0). */
function urlRequest(method: string, path: string, headers: Record<string, string> = {}) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'abc123.lambda-url.us-east-1.on.aws', ...headers },
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'node-test' },
      requestId: `req-${path}`,
      domainName: 'abc123.lambda-url.us-east-1.on.aws',
      timeEpoch: Date.parse('2026-03-01T12:00:00.000Z'),
    },
    isBase64Encoded: false,
  };
}

beforeEach(() => {
  for (const mock of [eventBridge, sqs, dynamo]) mock.reset();
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'eb-1' }] });
  dynamo
    .on(GetCommand)
    .callsFake((input: { TableName: string; Key: Item }) =>
      input.TableName === 'jp-apiKeys' && input.Key.keyHash === storedKey?.keyHash ? { Item: storedKey } : {},
    );
  dynamo.on(QueryCommand).resolves({ Items: [] });
  dynamo.on(ScanCommand).resolves({ Items: [] });
  dynamo.on(PutCommand).resolves({});
  sqs.on(GetQueueUrlCommand).callsFake((input: { QueueName: string }) => ({ QueueUrl: `https://sqs.local/1/${input.QueueName}` }));
  sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
  sqs.on(ChangeMessageVisibilityCommand).resolves({});
});

test('crm-api Lambda: an SQS batch updates the read model; a bad event is dead-lettered with its reason', async () => {
  const response = await handler({
    Records: [
      sqsRecord('scored', JSON.stringify(busEvent('job.scored', scoredData('greenhouse:2001', { score: 81 }), 'recommender'))),
      sqsRecord('not-json', 'plain text'),
    ],
  });
  assert.deepEqual(response, { batchItemFailures: [] });
  const deadLetters = sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
  assert.deepEqual(
    deadLetters.map((input) => [input.QueueUrl, input.MessageAttributes?.['jobpipe-reason']?.StringValue]),
    [['https://sqs.local/1/jp-crm-api-dlq', 'body is not JSON']],
  );
});

test('crm-api Lambda: Function URL requests are answered by the API, with the same key check', async () => {
  const listed = await handler(urlRequest('GET', '/jobs', { 'x-api-key': key }));
  assert.equal(listed.statusCode, 200);
  const body = JSON.parse(listed.body) as { items: { jobId: string; score: number }[] };
  assert.deepEqual(
    body.items.map((job) => [job.jobId, job.score]),
    [['greenhouse:2001', 81]],
  );

  const refused = await handler(urlRequest('GET', '/jobs'));
  assert.equal(refused.statusCode, 401);
  assert.equal(typeof JSON.parse(refused.body).message, 'string');

  const docs = await handler(urlRequest('GET', '/docs/json'));
  assert.equal(docs.statusCode, 200);
  assert.ok(JSON.parse(docs.body).paths['/jobs'], 'the OpenAPI document lists /jobs');
});
