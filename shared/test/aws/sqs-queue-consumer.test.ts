import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { queueOf } from '@jobpipe/contracts';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsResourceNames } from '../../src/aws/resource-names.js';
import { SqsQueueConsumer, toReceivedMessage } from '../../src/aws/sqs-queue-consumer.js';
import { SqsQueueUrls } from '../../src/aws/sqs-queue-urls.js';
import { TransientError } from '../../src/errors.js';
import { ManualClock } from '../../src/ports/clock.js';
import { silentLogger } from '../../src/ports/logger.js';
import { sqsMessage, testCredentials } from './aws-test-kit.js';

const client = new SQSClient({ region: 'us-east-1', credentials: testCredentials });
const sqs = mockClient(client);
const parser = queueOf('parser')!;
const urlOf = (name: string) => `https://sqs.us-east-1.amazonaws.com/123456789012/${name}`;

function consumer(): SqsQueueConsumer {
  return new SqsQueueConsumer({
    sqs: client,
    urls: new SqsQueueUrls(client),
    names: new AwsResourceNames('jp'),
    queue: parser,
    logger: silentLogger,
    clock: new ManualClock(new Date('2026-03-01T10:00:00.000Z')),
  });
}

beforeEach(() => {
  sqs.reset();
  sqs.on(GetQueueUrlCommand).callsFake((input: { QueueName: string }) => ({ QueueUrl: urlOf(input.QueueName) }));
  sqs.on(DeleteMessageBatchCommand).resolves({ Successful: [], Failed: [] });
});

describe('SQS queue consumer', () => {
  test('long-polls at most 10 messages with their receive counts, resolving the queue URL once', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [sqsMessage('{"a":1}', 3, 'm-1'), sqsMessage('{"b":2}', 1, 'm-2')] });
    const reader = consumer();
    const messages = await reader.receive(25, 20_000);
    await reader.receive(5, 1500);
    const calls = sqs.commandCalls(ReceiveMessageCommand).map((call) => call.args[0].input);
    assert.deepEqual(calls[0], {
      QueueUrl: urlOf('jp-parser'),
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 20,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    });
    assert.equal(calls[1]?.MaxNumberOfMessages, 5);
    assert.equal(calls[1]?.WaitTimeSeconds, 2, 'a wait is never cut short');
    assert.deepEqual(
      messages.map((message) => [message.messageId, message.receiveCount, message.body]),
      [
        ['m-1', 3, '{"a":1}'],
        ['m-2', 1, '{"b":2}'],
      ],
    );
    assert.equal(sqs.commandCalls(GetQueueUrlCommand).length, 1, 'GetQueueUrl once, then cached');
    assert.deepEqual(sqs.commandCalls(GetQueueUrlCommand)[0]?.args[0].input, { QueueName: 'jp-parser' });
  });

  test('a message received once more than allowed (its handler crashed every time) is dead-lettered with a reason, not handed out', async () => {
    sqs.on(ReceiveMessageCommand).resolves({
      Messages: [sqsMessage('{"a":1}', parser.maxReceiveCount + 1, 'm-crashed'), sqsMessage('{"b":2}', parser.maxReceiveCount, 'm-last')],
    });
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-copy' });
    sqs.on(DeleteMessageCommand).resolves({});
    const messages = await consumer().receive(10, 0);
    assert.deepEqual(
      messages.map((message) => message.messageId),
      ['m-last'],
    );
    const attributes = sqs.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageAttributes;
    assert.equal(attributes?.['jobpipe-message-id']?.StringValue, 'm-crashed', 'the dead letter keeps its original id');
    assert.equal(attributes?.['jobpipe-dead-lettered-at']?.StringValue, '2026-03-01T10:00:00.000Z');
    assert.equal(
      attributes?.['jobpipe-reason']?.StringValue,
      `exceeded ${parser.maxReceiveCount} receives; last error: visibility timeout expired (handler crashed or was killed)`,
    );
    assert.equal(sqs.commandCalls(DeleteMessageCommand).length, 1);
  });

  test('acks with DeleteMessageBatch in groups of 10', async () => {
    const messages = Array.from({ length: 12 }, (_, i) => toReceivedMessage(sqsMessage('{}', 1, `m-${i}`)));
    await consumer().ack(messages);
    const batches = sqs.commandCalls(DeleteMessageBatchCommand).map((call) => call.args[0].input);
    assert.deepEqual(
      batches.map((batch) => batch.Entries?.length),
      [10, 2],
    );
    assert.equal(batches[1]?.Entries?.[1]?.ReceiptHandle, messages[11]?.receiptHandle);
    assert.equal(batches[0]?.QueueUrl, urlOf('jp-parser'));
  });

  test('entries a batch delete refused are deleted one by one, and the rest of the batch stays deleted', async () => {
    sqs.on(DeleteMessageBatchCommand).resolves({
      Successful: [{ Id: '0' }, { Id: '2' }],
      Failed: [{ Id: '1', Code: 'InternalError', Message: 'try again', SenderFault: false }],
    });
    sqs.on(DeleteMessageCommand).resolves({});
    const messages = ['m-a', 'm-b', 'm-c'].map((id) => toReceivedMessage(sqsMessage('{}', 1, id)));
    await consumer().ack(messages);
    assert.deepEqual(
      sqs.commandCalls(DeleteMessageCommand).map((call) => call.args[0].input.ReceiptHandle),
      [messages[1]?.receiptHandle],
    );
  });

  test('a batch request that fails outright does not stop the next batches; its messages are deleted one by one', async () => {
    sqs.on(DeleteMessageBatchCommand).rejectsOnce(new Error('socket hang up')).resolves({ Successful: [], Failed: [] });
    sqs.on(DeleteMessageCommand).resolves({});
    const messages = Array.from({ length: 12 }, (_, i) => toReceivedMessage(sqsMessage('{}', 1, `m-${i}`)));
    await consumer().ack(messages);
    assert.equal(sqs.commandCalls(DeleteMessageBatchCommand).length, 2);
    assert.equal(sqs.commandCalls(DeleteMessageCommand).length, 10);
  });

  test('a message that cannot be deleted on its own either is reported, after the others were deleted', async () => {
    sqs.on(DeleteMessageBatchCommand).resolves({
      Successful: [{ Id: '0' }, { Id: '2' }],
      Failed: [{ Id: '1', Code: 'ReceiptHandleIsInvalid', Message: 'expired', SenderFault: true }],
    });
    const invalid = new Error('The receipt handle has expired');
    invalid.name = 'ReceiptHandleIsInvalid';
    sqs.on(DeleteMessageCommand).rejects(invalid);
    const messages = ['m-a', 'm-b', 'm-c'].map((id) => toReceivedMessage(sqsMessage('{}', 1, id)));
    const error = await consumer()
      .ack(messages)
      .catch((thrown: unknown) => thrown);
    assert.ok(error instanceof TransientError);
    assert.equal(error.code, 'SQS_DELETE_FAILED');
    assert.match(error.message, /1 message\(s\): m-b \(ReceiptHandleIsInvalid: The receipt handle has expired\)/);
  });

  test('release makes the message visible again after the delay', async () => {
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    const message = toReceivedMessage(sqsMessage('{}', 2, 'm-1'));
    await consumer().release(message, 'upstream timed out', 8);
    assert.deepEqual(sqs.commandCalls(ChangeMessageVisibilityCommand)[0]?.args[0].input, {
      QueueUrl: urlOf('jp-parser'),
      ReceiptHandle: message.receiptHandle,
      VisibilityTimeout: 8,
    });
    assert.equal(sqs.commandCalls(SendMessageCommand).length, 0);
  });

  test('deadLetter sends the body to the DLQ with the reason, then deletes the original', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
    sqs.on(DeleteMessageCommand).resolves({});
    const message = toReceivedMessage(sqsMessage('{"detail-type":"job.scraped"}', 1, 'm-1'));
    await consumer().deadLetter(message, "invalid 'job.scraped' event: /data/url: is required");
    const sent = sqs.commandCalls(SendMessageCommand)[0]?.args[0].input;
    assert.equal(sent?.QueueUrl, urlOf('jp-parser-dlq'));
    assert.equal(sent?.MessageBody, message.body);
    assert.deepEqual(sent?.MessageAttributes?.['jobpipe-reason'], {
      DataType: 'String',
      StringValue: "invalid 'job.scraped' event: /data/url: is required",
    });
    assert.equal(sent?.MessageAttributes?.['jobpipe-source-queue']?.StringValue, 'parser');
    assert.equal(sent?.MessageAttributes?.['jobpipe-dead-lettered-at']?.StringValue, '2026-03-01T10:00:00.000Z');
    assert.deepEqual(sqs.commandCalls(DeleteMessageCommand)[0]?.args[0].input, {
      QueueUrl: urlOf('jp-parser'),
      ReceiptHandle: message.receiptHandle,
    });
    const order = sqs.calls().map((call) => call.args[0].constructor.name);
    assert.ok(order.indexOf('SendMessageCommand') < order.indexOf('DeleteMessageCommand'), 'sent before deleted: never lost');
  });

  test('a failure on the last allowed receive is dead-lettered with the reason, not released', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
    sqs.on(DeleteMessageCommand).resolves({});
    const message = toReceivedMessage(sqsMessage('{}', parser.maxReceiveCount, 'm-1'));
    await consumer().release(message, 'HTTP 503 from the source', 30);
    assert.equal(sqs.commandCalls(ChangeMessageVisibilityCommand).length, 0);
    const reason = sqs.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageAttributes?.['jobpipe-reason']?.StringValue;
    assert.equal(reason, `exceeded ${parser.maxReceiveCount} receives; last error: HTTP 503 from the source`);
    assert.equal(sqs.commandCalls(DeleteMessageCommand).length, 1);
  });

  test('the original is kept when the DLQ send fails (never dropped)', async () => {
    sqs.on(SendMessageCommand).rejects(new Error('network down'));
    const message = toReceivedMessage(sqsMessage('{}', 1, 'm-1'));
    await assert.rejects(consumer().deadLetter(message, 'bad input'), /network down/);
    assert.equal(sqs.commandCalls(DeleteMessageCommand).length, 0);
  });

  test('extendVisibility changes the visibility timeout', async () => {
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    await consumer().extendVisibility(toReceivedMessage(sqsMessage('{}', 1, 'm-1')), 60);
    assert.equal(sqs.commandCalls(ChangeMessageVisibilityCommand)[0]?.args[0].input.VisibilityTimeout, 60);
  });
});
