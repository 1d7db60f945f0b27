import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { ChangeMessageVisibilityCommand, GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { contracts, type EventDataMap } from '@jobpipe/contracts';
import { busEvent } from '@jobpipe/test-kit';
import { mockClient } from 'aws-sdk-client-mock';
import { createSqsLambdaHandler, type SqsLambdaRecord } from '../../src/aws/sqs-lambda-handler.js';
import { PermanentError } from '../../src/errors.js';
import { ManualClock } from '../../src/ports/clock.js';
import type { EventPublisher } from '../../src/ports/events.js';
import { silentLogger } from '../../src/ports/logger.js';
import { defineHandlers } from '../../src/runtime/handlers.js';
import { testCredentials } from './aws-test-kit.js';

const client = new SQSClient({ region: 'us-east-1', credentials: testCredentials });
const sqs = mockClient(client);
const urlOf = (name: string) => `https://sqs.us-east-1.amazonaws.com/123456789012/${name}`;
const ARN = 'arn:aws:sqs:us-east-1:123456789012:jp-parser';

function scraped(externalId: string): EventDataMap['job.scraped'] {
  return {
    source: 'mcf',
    externalId,
    url: `https://api.mycareersfuture.gov.sg/v2/jobs/${externalId}`,
    blobKey: `raw/mcf/${externalId}/${'a'.repeat(64)}.json`,
    contentHash: 'a'.repeat(64),
    contentType: 'application/json',
    byteLength: 10,
    fetchedAt: '2026-03-01T09:00:00.000Z',
  };
}

function record(messageId: string, body: string, receiveCount = 1): SqsLambdaRecord {
  return {
    messageId,
    receiptHandle: `r-${messageId}`,
    body,
    attributes: { ApproximateReceiveCount: String(receiveCount) },
    eventSourceARN: ARN,
  };
}

const handled: string[] = [];
const handlers = defineHandlers({
  'job.scraped@1': async (event) => {
    const id = event.detail.data.externalId;
    if (id.startsWith('flaky')) throw new Error('source busy');
    if (id.startsWith('broken')) throw new PermanentError('RAW_BODY_UNREADABLE', 'raw body is not JSON');
    handled.push(id);
  },
});
const publisher: EventPublisher = { publish: async () => [] };
const handler = () =>
  createSqsLambdaHandler({ handlers, publisher, registry: contracts(), logger: silentLogger, sqs: client, clock: new ManualClock() });

const reasonsSentToDlq = () =>
  sqs
    .commandCalls(SendMessageCommand)
    .map((call) => [call.args[0].input.QueueUrl, call.args[0].input.MessageAttributes?.['jobpipe-reason']?.StringValue]);

beforeEach(() => {
  handled.length = 0;
  sqs.reset();
  sqs.on(GetQueueUrlCommand).callsFake((input: { QueueName: string }) => ({ QueueUrl: urlOf(input.QueueName) }));
  sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
  sqs.on(ChangeMessageVisibilityCommand).resolves({});
});

test('Lambda SQS handler: handled and dead-lettered records succeed, retries are partial batch failures', async () => {
  const invalid = busEvent('job.scraped', { ...scraped('bad'), url: 'not a url' }, 'scraper');
  const response = await handler()({
    Records: [
      record('ok', JSON.stringify(busEvent('job.scraped', scraped('good-1'), 'scraper'))),
      record('invalid', JSON.stringify(invalid)),
      record('permanent', JSON.stringify(busEvent('job.scraped', scraped('broken-1'), 'scraper'))),
      record('retry', JSON.stringify(busEvent('job.scraped', scraped('flaky-1'), 'scraper')), 2),
      record('last-try', JSON.stringify(busEvent('job.scraped', scraped('flaky-2'), 'scraper')), 5),
    ],
  });
  assert.deepEqual(response, { batchItemFailures: [{ itemIdentifier: 'retry' }] });
  assert.deepEqual(handled, ['good-1']);
  const sent = reasonsSentToDlq();
  assert.equal(sent.length, 3);
  assert.ok(sent.every(([url]) => url === urlOf('jp-parser-dlq')));
  assert.match(String(sent[0]?.[1]), /^invalid 'job\.scraped' event: \/data\/url/);
  assert.equal(sent[1]?.[1], 'RAW_BODY_UNREADABLE: raw body is not JSON');
  assert.equal(sent[2]?.[1], 'exceeded 5 receives; last error: source busy');
  const delay = sqs.commandCalls(ChangeMessageVisibilityCommand)[0]?.args[0].input;
  assert.deepEqual(
    delay,
    { QueueUrl: urlOf('jp-parser'), ReceiptHandle: 'r-retry', VisibilityTimeout: 2 },
    'backoff of the second receive',
  );
});

test('Lambda SQS handler: a record whose dead-lettering fails stays on the queue', async () => {
  sqs.on(SendMessageCommand).rejects(new Error('AccessDenied'));
  const response = await handler()({
    Records: [record('permanent', JSON.stringify(busEvent('job.scraped', scraped('broken-2'), 'scraper')))],
  });
  assert.deepEqual(response, { batchItemFailures: [{ itemIdentifier: 'permanent' }] });
});
