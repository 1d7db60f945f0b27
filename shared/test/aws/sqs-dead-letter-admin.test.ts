import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsResourceNames } from '../../src/aws/resource-names.js';
import { SqsDeadLetterAdmin } from '../../src/aws/sqs-dead-letter-admin.js';
import { SqsQueueUrls } from '../../src/aws/sqs-queue-urls.js';
import { testCredentials } from './aws-test-kit.js';

const client = new SQSClient({ region: 'us-east-1', credentials: testCredentials });
const sqs = mockClient(client);
const urlOf = (name: string) => `https://sqs.us-east-1.amazonaws.com/123456789012/${name}`;
const admin = () => new SqsDeadLetterAdmin({ sqs: client, urls: new SqsQueueUrls(client), names: new AwsResourceNames('jp') });

/** A dead letter jobpipe parked itself (with its attributes). */
function parked(id: string, reason: string): Message {
  return {
    MessageId: id,
    ReceiptHandle: `r-${id}`,
    Body: `{"id":"${id}"}`,
    Attributes: { ApproximateReceiveCount: '7', SentTimestamp: '1772359200000' },
    MessageAttributes: {
      'jobpipe-reason': { DataType: 'String', StringValue: reason },
      'jobpipe-receive-count': { DataType: 'Number', StringValue: '1' },
      'jobpipe-dead-lettered-at': { DataType: 'String', StringValue: '2026-03-01T10:00:00.000Z' },
    },
  };
}

/** A message the SQS redrive policy moved (no jobpipe attributes). */
function movedByPolicy(id: string): Message {
  return {
    MessageId: id,
    ReceiptHandle: `r-${id}`,
    Body: '{}',
    Attributes: { ApproximateReceiveCount: '5', SentTimestamp: '1772359200000' },
  };
}

beforeEach(() => {
  sqs.reset();
  sqs.on(GetQueueUrlCommand).callsFake((input: { QueueName: string }) => ({ QueueUrl: urlOf(input.QueueName) }));
  sqs.on(SendMessageCommand).resolves({ MessageId: 'new' });
  sqs.on(DeleteMessageCommand).resolves({});
  sqs.on(ChangeMessageVisibilityBatchCommand).resolves({ Successful: [], Failed: [] });
});

describe('SQS dead-letter admin', () => {
  test('list peeks the DLQ without hiding messages and shows the reasons', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [parked('d-1', 'no handler for job.scraped@2'), movedByPolicy('d-2')] })
      .resolves({ Messages: [parked('d-1', 'no handler for job.scraped@2')] });
    const letters = await admin().list('parser', 10);
    const receive = sqs.commandCalls(ReceiveMessageCommand)[0]?.args[0].input;
    assert.equal(receive?.QueueUrl, urlOf('jp-parser-dlq'));
    assert.equal(receive?.VisibilityTimeout, 0, 'peek: messages stay available');
    assert.deepEqual(receive?.MessageAttributeNames, ['All']);
    assert.deepEqual(letters[0], {
      messageId: 'd-1',
      body: '{"id":"d-1"}',
      reason: 'no handler for job.scraped@2',
      receiveCount: 1,
      deadLetteredAt: '2026-03-01T10:00:00.000Z',
    });
    assert.equal(letters.length, 2, 'stops when nothing unseen comes back');
    assert.match(letters[1]!.reason, /redrive policy/);
    assert.equal(letters[1]!.receiveCount, 5);
    assert.equal(letters[1]!.deadLetteredAt, new Date(1772359200000).toISOString());
  });

  test('redrive of chosen messages re-sends them to the source queue, deletes them, and releases the others', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [parked('d-1', 'x'), parked('d-2', 'y'), parked('d-3', 'z')] })
      .resolves({ Messages: [] });
    const moved = await admin().redrive('parser', ['d-2']);
    assert.equal(moved, 1);
    const sent = sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
    assert.deepEqual(sent, [{ QueueUrl: urlOf('jp-parser'), MessageBody: '{"id":"d-2"}' }]);
    assert.deepEqual(sqs.commandCalls(DeleteMessageCommand)[0]?.args[0].input, {
      QueueUrl: urlOf('jp-parser-dlq'),
      ReceiptHandle: 'r-d-2',
    });
    const released = sqs.commandCalls(ChangeMessageVisibilityBatchCommand)[0]?.args[0].input;
    assert.deepEqual(
      released?.Entries?.map((entry) => [entry.ReceiptHandle, entry.VisibilityTimeout]),
      [
        ['r-d-1', 0],
        ['r-d-3', 0],
      ],
    );
  });

  test('redrive of everything empties the DLQ into the source queue', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [parked('d-1', 'x'), movedByPolicy('d-2')] })
      .resolvesOnce({ Messages: [movedByPolicy('d-3')] })
      .resolves({ Messages: [] });
    assert.equal(await admin().redrive('parser'), 3);
    assert.equal(sqs.commandCalls(DeleteMessageCommand).length, 3);
    assert.equal(sqs.commandCalls(ChangeMessageVisibilityBatchCommand).length, 0);
  });

  test('depth reads the queue and its DLQ', async () => {
    sqs.on(GetQueueAttributesCommand, { QueueUrl: urlOf('jp-parser') }).resolves({
      Attributes: { ApproximateNumberOfMessages: '4', ApproximateNumberOfMessagesNotVisible: '2' },
    });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: urlOf('jp-parser-dlq') }).resolves({
      Attributes: { ApproximateNumberOfMessages: '3', ApproximateNumberOfMessagesNotVisible: '0' },
    });
    assert.deepEqual(await admin().depth('parser'), { ready: 4, inFlight: 2, deadLettered: 3 });
  });
});
