import assert from 'node:assert/strict';
import { after, beforeEach, test } from 'node:test';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { ChangeMessageVisibilityCommand, GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ManualClock, TypedTableStore } from '@jobpipe/shared';
import { createDocumentClient, createTableInputs, DynamoTableStore } from '@jobpipe/shared/aws';
import { busEvent, lambdaTestEnvironment, tempDir } from '@jobpipe/test-kit';
import { startDynalite } from '@jobpipe/test-kit/aws-fakes';
import { mockClient } from 'aws-sdk-client-mock';
import { createApiKey } from '../src/adapters/api-keys.js';
import { TableJobReadModel } from '../src/adapters/table-job-read-model.js';
import { scoredData } from './helpers.js';

const dataDir = tempDir('crm-api-lambda-');
// DynamoDB is dynalite, as bootstrapped (every table of the definitions); EventBridge, SQS and S3 are mocked.
const dynalite = await startDynalite();
const dynamoClient = new DynamoDBClient({
  region: 'us-east-1',
  endpoint: dynalite.endpoint,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});
for (const input of createTableInputs((table) => `jp-${table}`)) await dynamoClient.send(new CreateTableCommand(input));
const tables = new TypedTableStore(
  new DynamoTableStore({ documents: createDocumentClient(dynamoClient), tableName: (table) => `jp-${table}` }),
);
after(async () => {
  dataDir.remove();
  dynamoClient.destroy();
  await dynalite.close();
});
Object.assign(process.env, lambdaTestEnvironment({ AWS_ENDPOINT_URL: dynalite.endpoint, JOBPIPE_DATA_DIR: dataDir.path }));
const eventBridge = mockClient(EventBridgeClient);
const sqs = mockClient(SQSClient);
mockClient(S3Client);
const { handler } = await import('../src/lambda.js');

// The key as `jobpipe apikey create` puts it in DynamoDB.
const { key } = await createApiKey(tables, new ManualClock(new Date('2026-03-01T00:00:00.000Z')), { name: 'lambda-test' });

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
  for (const mock of [eventBridge, sqs]) mock.reset();
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'eb-1' }] });
  sqs.on(GetQueueUrlCommand).callsFake((input: { QueueName: string }) => ({ QueueUrl: `https://sqs.local/1/${input.QueueName}` }));
  sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
  sqs.on(ChangeMessageVisibilityCommand).resolves({});
});

test('crm-api Lambda: an SQS batch updates the shared read model (the readModel table); a bad event is dead-lettered with its reason', async () => {
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
  // What any other instance (another execution environment) reads: the job is in the table, not in this one's /tmp.
  assert.equal((await new TableJobReadModel(tables).get('greenhouse:2001'))?.score, 81);
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
