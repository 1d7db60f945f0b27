import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import {
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { contracts, queueOf } from '@jobpipe/contracts';
import { busEvent } from '@jobpipe/test-kit';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsResourceNames } from '../../src/aws/resource-names.js';
import { SqsQueueConsumer } from '../../src/aws/sqs-queue-consumer.js';
import { SqsQueueUrls } from '../../src/aws/sqs-queue-urls.js';
import { ManualClock } from '../../src/ports/clock.js';
import { silentLogger } from '../../src/ports/logger.js';
import { GatheringTurn } from '../../src/runtime/gathering-turn.js';
import { defineHandlers } from '../../src/runtime/handlers.js';
import { batchWindowMsOf, gathersTurnsOn, idlePauseMsOf, QueueRunner, type QueueRunnerOptions } from '../../src/runtime/queue-runner.js';
import { sqsMessage, testCredentials } from '../aws/aws-test-kit.js';
import { scrapedData } from '../embedded/bus-test-kit.js';

const client = new SQSClient({ region: 'us-east-1', credentials: testCredentials });
const sqs = mockClient(client);
const parser = queueOf('parser')!;
const urlOf = (name: string) => `https://sqs.us-east-1.amazonaws.com/123456789012/${name}`;
const scraped = (n: number) => JSON.stringify(busEvent('job.scraped', scrapedData(n), 'scraper'));

/** Whether each handled message's handler ran inside a gathering turn, in the order handled. */
let handledInTurn: boolean[] = [];

/** A parser runner on a mocked SQS whose handler fails for the postings named in `failing`. */
function runner(
  failing: Set<string> = new Set(),
  timing: Pick<QueueRunnerOptions, 'idlePauseMs' | 'batchWindowMs' | 'gatherTurns'> = {},
): QueueRunner {
  return new QueueRunner({
    ...timing,
    queue: parser,
    consumer: new SqsQueueConsumer({
      sqs: client,
      urls: new SqsQueueUrls(client),
      names: new AwsResourceNames('jp'),
      queue: parser,
      logger: silentLogger,
      clock: new ManualClock(new Date('2026-03-01T10:00:00.000Z')),
    }),
    registry: contracts(),
    handlers: defineHandlers({
      'job.scraped@1': async (event) => {
        handledInTurn.push(GatheringTurn.current() !== undefined);
        if (failing.has(event.detail.data.externalId)) throw new Error(`source down for ${event.detail.data.externalId}`);
      },
    }),
    publisher: { publish: async (events) => events.map((_, i) => `id-${i}`) },
    logger: silentLogger,
  });
}

const deletedReceipts = () =>
  sqs.commandCalls(DeleteMessageBatchCommand).flatMap((call) => (call.args[0].input.Entries ?? []).map((entry) => entry.ReceiptHandle));

beforeEach(() => {
  handledInTurn = [];
  sqs.reset();
  sqs.on(GetQueueUrlCommand).callsFake((input: { QueueName: string }) => ({ QueueUrl: urlOf(input.QueueName) }));
  sqs.on(DeleteMessageBatchCommand).resolves({ Successful: [], Failed: [] });
});

describe('queue runner', () => {
  test('idle back-off: after an empty receive the runner rests before the next; stopping cuts the rest short', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [] });
    const resting = runner(new Set(), { idlePauseMs: 400 });
    resting.start();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const started = performance.now();
    await resting.stop();
    assert.ok(performance.now() - started < 200, 'stop did not wait for the rest to end');
    const receives = sqs.commandCalls(ReceiveMessageCommand).length;
    assert.ok(receives >= 2 && receives <= 4, `${receives} receives in 1 s with a 400 ms rest`);
  });

  test('batching window: after a receive that found part of a batch the runner rests before the next; after a full batch it does not', async () => {
    let received = 0;
    const messages = (count: number) => Array.from({ length: count }, () => sqsMessage(scraped(++received), 1, `m-${received}`));
    // Each receive returns 2 messages after 10 ms.
    sqs.on(ReceiveMessageCommand).callsFake(() => new Promise((resolve) => setTimeout(() => resolve({ Messages: messages(2) }), 10)));
    const windowed = runner(new Set(), { batchWindowMs: 400 });
    windowed.start();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await windowed.stop();
    const partialReceives = sqs.commandCalls(ReceiveMessageCommand).length;
    assert.ok(partialReceives >= 2 && partialReceives <= 4, `${partialReceives} receives of 2 messages in 1 s with a 400 ms window`);

    sqs.resetHistory();
    // A busy queue: each receive returns a full batch after 10 ms.
    sqs
      .on(ReceiveMessageCommand)
      .callsFake(() => new Promise((resolve) => setTimeout(() => resolve({ Messages: messages(parser.batchSize) }), 10)));
    const busy = runner(new Set(), { batchWindowMs: 400 });
    busy.start();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await busy.stop();
    const fullReceives = sqs.commandCalls(ReceiveMessageCommand).length;
    assert.ok(fullReceives > 10, `${fullReceives} receives of full batches in 1 s: a busy queue never rests`);
    assert.equal(batchWindowMsOf('aws'), 1000);
    assert.equal(batchWindowMsOf('embedded'), 0);
  });

  test('the background queues rest 40 s when idle on aws, the pipeline queues never, and no queue does embedded', () => {
    for (const name of ['applier', 'auth-refresher', 'etl', 'sheets-bridge'] as const) {
      assert.equal(idlePauseMsOf(queueOf(name)!, 'aws'), 40_000, name);
      assert.equal(idlePauseMsOf(queueOf(name)!, 'embedded'), 0, name);
    }
    for (const name of ['scraper', 'parser', 'recommender', 'crm-api'] as const)
      assert.equal(idlePauseMsOf(queueOf(name)!, 'aws'), 0, name);
  });

  test('a batch runs as one gathering turn only where asked (aws), so embedded promises carry no async context', async () => {
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [sqsMessage(scraped(1), 1, 'm-1'), sqsMessage(scraped(2), 1, 'm-2')] });
    await runner(new Set(), { gatherTurns: true }).pollOnce();
    assert.deepEqual(handledInTurn, [true, true]);
    handledInTurn = [];
    await runner().pollOnce();
    assert.deepEqual(handledInTurn, [false, false]);
    assert.equal(gathersTurnsOn('aws'), true);
    assert.equal(gathersTurnsOn('embedded'), false);
  });

  test('long-polls SQS for 20 s by default, and stopping ends a waiting receive at once', async () => {
    sqs.on(ReceiveMessageCommand).callsFake(() => new Promise((resolve) => setTimeout(() => resolve({ Messages: [] }), 20_000).unref()));
    const running = runner();
    running.start();
    await new Promise((resolve) => setImmediate(resolve));
    const started = performance.now();
    await running.stop();
    assert.ok(performance.now() - started < 5_000, 'stop did not wait for the long poll to end');
    assert.equal(sqs.commandCalls(ReceiveMessageCommand)[0]?.args[0].input.WaitTimeSeconds, 20);
  });

  test('a dead-lettering that fails does not keep the handled messages of its batch from being deleted', async () => {
    const handled = sqsMessage(scraped(1), 1, 'm-ok-1');
    const poison = sqsMessage('not json', 1, 'm-poison');
    const alsoHandled = sqsMessage(scraped(3), 1, 'm-ok-3');
    sqs.on(ReceiveMessageCommand).resolves({ Messages: [handled, poison, alsoHandled] });
    sqs.on(SendMessageCommand).rejects(new Error('DLQ unreachable'));
    const running = runner();
    await assert.rejects(running.pollOnce(), /DLQ unreachable/);
    assert.deepEqual(deletedReceipts(), [handled.ReceiptHandle, alsoHandled.ReceiptHandle]);
    assert.equal(sqs.commandCalls(DeleteMessageCommand).length, 0, 'the poison message stays for its next receive');
    assert.match(running.status().lastError ?? '', /DLQ unreachable/);
  });

  test('the last error is cleared once a later batch is handled without failure', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [sqsMessage(scraped(1), 1, 'm-1')] })
      .resolves({ Messages: [sqsMessage(scraped(2), 1, 'm-2')] });
    const running = runner(new Set(['job-1']));
    await running.pollOnce();
    assert.match(running.status().lastError ?? '', /source down for job-1/);
    await running.pollOnce();
    assert.equal(running.status().lastError, undefined);
  });
});
