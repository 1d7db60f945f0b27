import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ChangeMessageVisibilityCommand, GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { EventDataMap } from '@jobpipe/contracts';
import { busEvent, lambdaTestEnvironment } from '@jobpipe/test-kit';
import { playOutboxTable } from '@jobpipe/test-kit/aws';
import { mockClient } from 'aws-sdk-client-mock';
import { FakeSheetsServer } from './fixtures/fake-sheets-server.js';

const TOKEN = 'lambda-test-token';
const sheet = new FakeSheetsServer('lambda-sheet', TOKEN);
await sheet.start();
after(() => sheet.stop());

Object.assign(
  process.env,
  lambdaTestEnvironment({
    JOBPIPE_SHEETS_SPREADSHEET_ID: 'lambda-sheet',
    JOBPIPE_SHEETS_ROOT_URL: sheet.rootUrl,
    JOBPIPE_SHEETS_FLUSH_MS: '10',
  }),
);
const published: PutEventsRequestEntry[] = [];
mockClient(EventBridgeClient)
  .on(PutEventsCommand)
  .callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
    published.push(...input.Entries);
    return { FailedEntryCount: 0, Entries: input.Entries.map((_, i) => ({ EventId: `eb-${i}` })) };
  });
const secretsAsked: string[] = [];
mockClient(SecretsManagerClient)
  .on(GetSecretValueCommand)
  .callsFake((input: { SecretId: string }) => {
    secretsAsked.push(input.SecretId);
    return { SecretString: JSON.stringify({ access_token: TOKEN }) };
  });
const sqs = mockClient(SQSClient);
sqs.on(GetQueueUrlCommand).callsFake((input: { QueueName: string }) => ({ QueueUrl: `https://sqs.local/1/${input.QueueName}` }));
sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
sqs.on(ChangeMessageVisibilityCommand).resolves({});
mockClient(S3Client);
const dynamo = mockClient(DynamoDBDocumentClient);
dynamo.on(GetCommand).resolves({});
playOutboxTable(dynamo, 'jp-outbox');
const { handler } = await import('../src/lambda.js');
const secretsAskedAtColdStart = [...secretsAsked];

const scored: EventDataMap['job.scored'] = {
  jobId: 'mcf:77',
  contentHash: 'a'.repeat(64),
  score: 77,
  track: 'data-eng',
  trackScore: 60,
  modelProbability: null,
  modelVersion: null,
  filteredBy: null,
  reasons: [],
  scoredAt: '2026-03-01T00:00:00.000Z',
  job: { title: 'Data Engineer', company: 'Acme', canonicalUrl: 'https://jobs.example.com/77', source: 'mcf' },
};

test('sheets-bridge Lambda: a scored job in an SQS batch becomes a row; a poll invocation turns a sheet edit into an event', async () => {
  const response = await handler({
    Records: [
      {
        messageId: 'scored',
        receiptHandle: 'receipt-scored',
        body: JSON.stringify(busEvent('job.scored', scored, 'recommender')),
        attributes: { ApproximateReceiveCount: '1' },
        eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:jp-sheets-bridge',
      },
    ],
  });
  assert.deepEqual(response, { batchItemFailures: [] });
  assert.deepEqual(secretsAskedAtColdStart, [], 'a cold start reads no secret: the first sync does');
  assert.deepEqual(secretsAsked, ['jp/sheets-bridge/google-credentials']);
  const rowIndex = sheet.cells().findIndex((row) => row[0] === 'mcf:77');
  assert.ok(rowIndex > 0, 'a row below the header');
  assert.deepEqual(sheet.cells()[rowIndex]!.slice(0, 4), ['mcf:77', 'Data Engineer', 'Acme', 77]);

  sheet.edit(rowIndex + 1, 5, 'shortlisted');
  assert.deepEqual(await handler({ kind: 'sheets-poll' }), { polled: true });
  const changes = published.filter((entry) => entry.DetailType === 'crm.stage-changed').map((entry) => JSON.parse(entry.Detail!).data);
  assert.deepEqual(
    changes.map((data) => [data.jobId, data.to, data.changedBy]),
    [['mcf:77', 'shortlisted', 'sheet']],
  );
});
