import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsResourceNames } from '../../src/aws/resource-names.js';
import { SqsDeadLetterAdmin } from '../../src/aws/sqs-dead-letter-admin.js';
import { SqsQueueUrls } from '../../src/aws/sqs-queue-urls.js';
import { testCredentials } from './aws-test-kit.js';
import { FakeSqs } from './fake-sqs.js';

const client = new SQSClient({ region: 'us-east-1', credentials: testCredentials });
const sqs = mockClient(client);
const urlOf = (name: string) => `https://sqs.us-east-1.amazonaws.com/123456789012/${name}`;
const admin = () => new SqsDeadLetterAdmin({ sqs: client, urls: new SqsQueueUrls(client), names: new AwsResourceNames('jp') });

/** The attributes jobpipe puts on a message it dead-letters. */
function parkedAttributes(messageId: string, deadLetteredAt: string) {
  return {
    'jobpipe-message-id': { DataType: 'String', StringValue: messageId },
    'jobpipe-reason': { DataType: 'String', StringValue: 'handler failed' },
    'jobpipe-receive-count': { DataType: 'Number', StringValue: '5' },
    'jobpipe-dead-lettered-at': { DataType: 'String', StringValue: deadLetteredAt },
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
  test('list receives every dead letter once, shows the ids and times they were dead-lettered with, and leaves them all visible', async () => {
    const fake = new FakeSqs(sqs);
    for (let i = 0; i < 25; i++)
      fake.send('jp-parser-dlq', `{"n":${i}}`, parkedAttributes(`m-${i}`, `2026-03-01T10:00:${String(i).padStart(2, '0')}.000Z`));
    fake.send('jp-parser-dlq', '{"policy":true}');
    const letters = await admin().list('parser', 10);
    assert.equal(letters.length, 10);
    assert.equal(letters[0]?.deadLetteredAt, '', 'moved by the redrive policy: SQS recorded no time, so none is shown');
    assert.match(letters[0]?.reason ?? '', /redrive policy/);
    assert.deepEqual(letters[1], {
      messageId: 'm-0',
      body: '{"n":0}',
      reason: 'handler failed',
      receiveCount: 5,
      deadLetteredAt: '2026-03-01T10:00:00.000Z',
    });
    assert.equal(await admin().count('parser'), 26, 'the true count, past the first page');
    assert.deepEqual(new Set(fake.receiveCounts('jp-parser-dlq')), new Set([2]), 'each received once per scan (list, count)');
    assert.equal((await admin().depth('parser')).deadLettered, 26);
    assert.equal(
      sqs.commandCalls(ReceiveMessageCommand).every((call) => (call.args[0].input.VisibilityTimeout ?? 0) > 0),
      true,
    );
  });

  test('redrive of chosen messages moves those ids only', async () => {
    const fake = new FakeSqs(sqs);
    for (const id of ['d-1', 'd-2', 'd-3']) fake.send('jp-parser-dlq', `{"id":"${id}"}`, parkedAttributes(id, '2026-03-01T10:00:00.000Z'));
    assert.equal(await admin().redrive('parser', ['d-2']), 1);
    assert.deepEqual(fake.bodies('jp-parser'), ['{"id":"d-2"}']);
    assert.deepEqual(fake.bodies('jp-parser-dlq'), ['{"id":"d-1"}', '{"id":"d-3"}']);
    assert.equal((await admin().list('parser', 10)).length, 2, 'the others are visible again');
  });

  for (const moveTasks of [true, false]) {
    test(`redrive of a whole DLQ whose messages fail again moves each once, never in a loop (${moveTasks ? 'StartMessageMoveTask' : 'SQS without move tasks'})`, async () => {
      const fake = new FakeSqs(sqs, { moveTasks });
      for (let i = 0; i < 12; i++) fake.send('jp-parser-dlq', `{"n":${i}}`, parkedAttributes(`m-${i}`, '2026-03-01T10:00:00.000Z'));
      let moves = 0;
      // The consumer fails every redriven message at once and dead-letters it again.
      fake.onSend = (queue, message) => {
        if (queue !== 'jp-parser') return;
        moves += 1;
        if (moves > 100) throw new Error('redrive is looping');
        fake.send('jp-parser-dlq', message.body, parkedAttributes(`again-${moves}`, new Date().toISOString()));
      };
      assert.equal(await admin().redrive('parser'), 12);
      assert.equal(moves, 12);
      assert.equal(fake.bodies('jp-parser-dlq').length, 12, 'the failed-again copies wait in the DLQ');
      assert.equal(sqs.commandCalls(StartMessageMoveTaskCommand).length, 1);
      if (moveTasks) {
        assert.deepEqual(sqs.commandCalls(StartMessageMoveTaskCommand)[0]?.args[0].input, {
          SourceArn: 'arn:aws:sqs:us-east-1:123456789012:jp-parser-dlq',
          DestinationArn: 'arn:aws:sqs:us-east-1:123456789012:jp-parser',
        });
      }
    });
  }

  test('redrive moves the messages one by one where the endpoint answers StartMessageMoveTask with no SQS answer at all (moto)', async () => {
    const fake = new FakeSqs(sqs, { moveTasks: false });
    // What the SDK throws when a server without the operation answers with an HTML error page.
    const notSqs = Object.assign(new SyntaxError('Unexpected token \'<\', "<!doctype "... is not valid JSON'), {
      $response: { statusCode: 500, body: '<!doctype html>' },
    });
    sqs.on(StartMessageMoveTaskCommand).rejects(notSqs);
    for (let i = 0; i < 3; i++) fake.send('jp-parser-dlq', `{"n":${i}}`, parkedAttributes(`m-${i}`, '2026-03-01T10:00:00.000Z'));
    assert.equal(await admin().redrive('parser'), 3);
    assert.equal(fake.bodies('jp-parser').length, 3);
    assert.equal(fake.bodies('jp-parser-dlq').length, 0);
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
