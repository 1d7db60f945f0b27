import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { contracts, QUEUES, type QueueDefinition } from '@jobpipe/contracts';
import { busEvent, tempDir } from '@jobpipe/test-kit';
import { openSqlite } from '../../src/embedded/sqlite.js';
import { SqliteBus } from '../../src/embedded/sqlite-bus.js';
import { PermanentError } from '../../src/errors.js';
import { type Clock, ManualClock, systemClock } from '../../src/ports/clock.js';
import { silentLogger } from '../../src/ports/logger.js';
import { defineHandlers, type HandlerTable } from '../../src/runtime/handlers.js';
import { QueueRunner } from '../../src/runtime/queue-runner.js';
import { parserQueue, scrapedData, scraperPublisher } from './bus-test-kit.js';

const dir = tempDir('jobpipe-bus-');
after(() => dir.remove());
let files = 0;

function openBus(queues: readonly QueueDefinition[] = [parserQueue()], clock: Clock = new ManualClock()) {
  const bus = new SqliteBus({ path: join(dir.path, `bus-${++files}.sqlite`), clock, queues });
  return { bus, publisher: scraperPublisher(bus, clock) };
}

function runner(bus: SqliteBus, queue: QueueDefinition, handlers: HandlerTable, waitMs = 0): QueueRunner {
  return new QueueRunner({
    queue,
    consumer: bus.consumer(queue.name),
    registry: contracts(),
    handlers,
    publisher: { publish: async () => [] },
    logger: silentLogger,
    waitMs,
  });
}

/** Polls until a poll finds nothing, moving the clock past retry delays in between. */
async function drain(queueRunner: QueueRunner, clock: ManualClock, rounds = 20): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    while ((await queueRunner.pollOnce(0)) > 0) {}
    clock.advance(60_000);
  }
}

describe('embedded bus delivery', () => {
  test('at least once: every message is handled, failed deliveries are retried until they succeed', async () => {
    const clock = new ManualClock();
    const queue = parserQueue({ maxReceiveCount: 5 });
    const { bus, publisher } = openBus([queue], clock);
    const attempts = new Map<string, number>();
    const done = new Set<string>();
    const queueRunner = runner(
      bus,
      queue,
      defineHandlers({
        'job.scraped@1': async (event) => {
          const attempt = (attempts.get(event.detail.data.externalId) ?? 0) + 1;
          attempts.set(event.detail.data.externalId, attempt);
          if (Number(event.detail.data.externalId.slice(4)) % 3 === 0 && attempt < 3) throw new Error('source timed out');
          done.add(event.detail.data.externalId);
        },
      }),
    );
    await publisher.publish(Array.from({ length: 30 }, (_, i) => ({ detailType: 'job.scraped' as const, data: scrapedData(i) })));
    await drain(queueRunner, clock);
    assert.equal(done.size, 30, 'every message handled');
    assert.equal(attempts.get('job-3'), 3, 'a failing message was delivered again until it succeeded');
    assert.equal(attempts.get('job-1'), 1);
    assert.deepEqual(await bus.depth('parser'), { ready: 0, inFlight: 0, deadLettered: 0 });
    bus.close();
  });

  test('a received but never acked message comes back after the visibility timeout', async () => {
    const clock = new ManualClock();
    const queue = parserQueue({ visibilityTimeoutSeconds: 30 });
    const { bus, publisher } = openBus([queue], clock);
    const consumer = bus.consumer('parser');
    await publisher.publish([{ detailType: 'job.scraped', data: scrapedData(1) }]);
    const [first] = await consumer.receive(10, 0);
    assert.ok(first);
    assert.equal(first.receiveCount, 1);

    clock.advance(29_000);
    assert.deepEqual(await consumer.receive(10, 0), [], 'invisible while the first receiver may still work on it');
    assert.deepEqual(await bus.depth('parser'), { ready: 0, inFlight: 1, deadLettered: 0 });

    clock.advance(1_000);
    const [second] = await consumer.receive(10, 0);
    assert.ok(second, 'visible again once the timeout passed');
    assert.equal(second.messageId, first.messageId);
    assert.equal(second.receiveCount, 2);
    assert.notEqual(second.receiptHandle, first.receiptHandle);

    await consumer.ack([first]);
    assert.equal((await bus.depth('parser')).inFlight, 1, "a late ack of the first delivery does not delete the second receiver's message");
    await consumer.ack([second]);
    assert.deepEqual(await bus.depth('parser'), { ready: 0, inFlight: 0, deadLettered: 0 });
    bus.close();
  });

  test('a handler that keeps throwing: retried with backoff, then dead-lettered with the reason', async () => {
    const clock = new ManualClock();
    const queue = parserQueue({ maxReceiveCount: 3 });
    const { bus, publisher } = openBus([queue], clock);
    let calls = 0;
    const queueRunner = runner(
      bus,
      queue,
      defineHandlers({
        'job.scraped@1': async () => {
          calls++;
          throw new Error('blob store unreachable');
        },
      }),
    );
    const [eventId] = await publisher.publish([{ detailType: 'job.scraped', data: scrapedData(1) }]);
    assert.equal(await queueRunner.pollOnce(0), 1);
    assert.equal(await queueRunner.pollOnce(0), 0, 'not redelivered before the retry delay');
    await drain(queueRunner, clock);
    assert.equal(calls, 3, 'delivered max receive count times');
    const [dead, ...others] = await bus.list('parser', 10);
    assert.equal(others.length, 0);
    assert.ok(dead);
    assert.equal(dead.messageId, `${eventId}:parser`);
    assert.equal(dead.receiveCount, 3);
    assert.match(dead.reason, /exceeded 3 receives/);
    assert.match(dead.reason, /blob store unreachable/);
    assert.equal(JSON.parse(dead.body).id, eventId, 'the body is kept as published');
    assert.deepEqual(await bus.depth('parser'), { ready: 0, inFlight: 0, deadLettered: 1 });
    bus.close();
  });

  test('a PermanentError dead-letters at once, with its code and message', async () => {
    const { bus, publisher } = openBus();
    const queueRunner = runner(
      bus,
      parserQueue(),
      defineHandlers({
        'job.scraped@1': async () => {
          throw new PermanentError('RAW_BODY_MISSING', 'blob raw/mcf/job-1 does not exist');
        },
      }),
    );
    await publisher.publish([{ detailType: 'job.scraped', data: scrapedData(1) }]);
    await queueRunner.pollOnce(0);
    const [dead] = await bus.list('parser', 10);
    assert.equal(dead?.reason, 'RAW_BODY_MISSING: blob raw/mcf/job-1 does not exist');
    assert.equal(dead?.receiveCount, 1);
    bus.close();
  });

  test('invalid, unknown-version and unreadable messages go to the DLQ with a reason; the consumer keeps going', async () => {
    const { bus } = openBus();
    const handled: string[] = [];
    const queueRunner = runner(
      bus,
      parserQueue(),
      defineHandlers({
        'job.scraped@1': async (event) => {
          handled.push(event.detail.data.externalId);
        },
      }),
    );
    const valid = (n: number) => busEvent('job.scraped', scrapedData(n), 'scraper');
    const invalid = valid(2);
    (invalid.detail.data as { contentHash: string }).contentHash = 'not-a-hash';
    const futureMajor = valid(3);
    futureMajor.detail.meta.schemaVersion = '9.0';
    const bodies = [
      { id: 'valid-1', body: JSON.stringify(valid(1)) },
      { id: 'invalid', body: JSON.stringify(invalid) },
      { id: 'major-9', body: JSON.stringify(futureMajor) },
      { id: 'not-json', body: '{"detail-type": "job.scr' },
      { id: 'valid-4', body: JSON.stringify(valid(4)) },
    ];
    bus.enqueue(bodies.map(({ id, body }) => ({ eventId: id, detailType: 'job.scraped', body, queues: ['parser'] })));

    assert.equal(await queueRunner.pollOnce(0), 5);
    assert.deepEqual(handled.sort(), ['job-1', 'job-4']);
    const reasons = Object.fromEntries((await bus.list('parser', 10)).map((dead) => [dead.messageId, dead.reason]));
    assert.match(reasons['invalid:parser']!, /\/data\/contentHash/, 'the reason names the field');
    assert.match(reasons['major-9:parser']!, /major 9 of 'job\.scraped' is not supported/);
    assert.match(reasons['not-json:parser']!, /not JSON/);

    bus.enqueue([{ eventId: 'valid-5', detailType: 'job.scraped', body: JSON.stringify(valid(5)), queues: ['parser'] }]);
    assert.equal(await queueRunner.pollOnce(0), 1);
    assert.ok(handled.includes('job-5'), 'still consuming after the bad messages');
    bus.close();
  });

  test('an event type without a handler is dead-lettered, naming the missing handler', async () => {
    const { bus, publisher } = openBus();
    const queueRunner = runner(bus, parserQueue(), defineHandlers({}));
    await publisher.publish([{ detailType: 'job.scraped', data: scrapedData(1) }]);
    await queueRunner.pollOnce(0);
    assert.match((await bus.list('parser', 1))[0]?.reason ?? '', /no handler for 'job\.scraped@1'/);
    bus.close();
  });

  test('one event reaches every subscribed queue as its own message', async () => {
    const { bus } = openBus(QUEUES);
    const event = busEvent('job.scraped', scrapedData(1), 'scraper');
    bus.enqueue([{ eventId: event.id, detailType: 'job.scraped', body: JSON.stringify(event), queues: ['recommender', 'etl'] }]);
    const [forRecommender] = await bus.consumer('recommender').receive(10, 0);
    const [forEtl] = await bus.consumer('etl').receive(10, 0);
    assert.equal(forRecommender?.messageId, `${event.id}:recommender`);
    assert.equal(forEtl?.messageId, `${event.id}:etl`);
    assert.equal(forRecommender?.body, forEtl?.body);
    await bus.consumer('recommender').ack([forRecommender!]);
    assert.equal((await bus.depth('etl')).inFlight, 1, 'acking one copy leaves the other');
    assert.equal((await bus.depth('recommender')).inFlight, 0);
    bus.close();
  });

  test('messages survive closing and reopening the bus file', async () => {
    const path = join(dir.path, 'durable.sqlite');
    const first = new SqliteBus({ path, queues: [parserQueue()] });
    await scraperPublisher(first, systemClock).publish([{ detailType: 'job.scraped', data: scrapedData(7) }]);
    first.close();
    const second = new SqliteBus({ path, queues: [parserQueue()] });
    const [message] = await second.consumer('parser').receive(10, 0);
    assert.equal(JSON.parse(message?.body ?? '{}').detail.data.externalId, 'job-7');
    second.close();
  });

  test('without the event log each message keeps its own body', async () => {
    const clock = new ManualClock();
    const bus = new SqliteBus({ path: join(dir.path, 'no-log.sqlite'), clock, queues: QUEUES, keepEventLog: false });
    const [eventId] = await scraperPublisher(bus, clock).publish([{ detailType: 'job.scraped', data: scrapedData(3) }]);
    assert.deepEqual(bus.publishedEvents(), []);
    const [message] = await bus.consumer('parser').receive(10, 0);
    assert.equal(JSON.parse(message?.body ?? '{}').id, eventId);
    bus.close();
  });

  test('a bus file from before bodies were stored once still delivers its messages', async () => {
    const path = join(dir.path, 'old-format.sqlite');
    const old = openSqlite(path);
    old.exec(`CREATE TABLE messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT NOT NULL UNIQUE, queue TEXT NOT NULL,
      body TEXT NOT NULL, sent_at INTEGER NOT NULL, visible_at INTEGER NOT NULL, receive_count INTEGER NOT NULL DEFAULT 0,
      receipt TEXT, last_error TEXT, source_queue TEXT, dead_lettered_at INTEGER)`);
    const event = busEvent('job.scraped', scrapedData(4), 'scraper');
    old
      .prepare("INSERT INTO messages (message_id, queue, body, sent_at, visible_at) VALUES (?, 'parser', ?, 0, 0)")
      .run(`${event.id}:parser`, JSON.stringify(event));
    old.close();
    const clock = new ManualClock();
    const bus = new SqliteBus({ path, clock, queues: [parserQueue()] });
    await scraperPublisher(bus, clock).publish([{ detailType: 'job.scraped', data: scrapedData(5) }]);
    const received = await bus.consumer('parser').receive(10, 0);
    assert.deepEqual(
      received.map((message) => JSON.parse(message.body).detail.data.externalId),
      ['job-4', 'job-5'],
    );
    bus.close();
  });

  test('a waiting consumer wakes up when a message is published in the same process', async () => {
    const { bus, publisher } = openBus([parserQueue()], systemClock);
    const waiting = bus.consumer('parser').receive(10, 30_000);
    await sleep(20);
    await publisher.publish([{ detailType: 'job.scraped', data: scrapedData(1) }]);
    assert.equal((await waiting).length, 1);
    bus.close();
  });
});

describe('embedded bus dead letters', () => {
  async function deadLetterThree() {
    const { bus, publisher } = openBus();
    const queueRunner = runner(
      bus,
      parserQueue(),
      defineHandlers({
        'job.scraped@1': async () => {
          throw new PermanentError('BAD', 'rejected');
        },
      }),
    );
    const ids = await publisher.publish([1, 2, 3].map((n) => ({ detailType: 'job.scraped' as const, data: scrapedData(n) })));
    await queueRunner.pollOnce(0);
    return { bus, messageIds: ids.map((id) => `${id}:parser`) };
  }

  test('redrive of chosen messages moves only those back, as fresh deliveries', async () => {
    const { bus, messageIds } = await deadLetterThree();
    assert.equal((await bus.list('parser', 10)).length, 3);
    assert.equal(await bus.redrive('parser', [messageIds[1]!, 'no-such-message']), 1);
    const [again, ...rest] = await bus.consumer('parser').receive(10, 0);
    assert.equal(rest.length, 0);
    assert.equal(again?.messageId, messageIds[1]);
    assert.equal(again?.receiveCount, 1, 'the receive count starts over');
    assert.deepEqual(
      (await bus.list('parser', 10)).map((dead) => dead.messageId),
      [messageIds[0], messageIds[2]],
    );
    bus.close();
  });

  test('redrive of a whole DLQ moves everything back and handles it', async () => {
    const { bus } = await deadLetterThree();
    assert.equal(await bus.redrive('parser'), 3);
    assert.deepEqual(await bus.depth('parser'), { ready: 3, inFlight: 0, deadLettered: 0 });
    const handled: string[] = [];
    const queueRunner = runner(
      bus,
      parserQueue(),
      defineHandlers({
        'job.scraped@1': async (event) => {
          handled.push(event.detail.data.externalId);
        },
      }),
    );
    await queueRunner.pollOnce(0);
    assert.deepEqual(handled.sort(), ['job-1', 'job-2', 'job-3']);
    assert.equal(await bus.redrive('parser'), 0, 'an empty DLQ redrives nothing');
    bus.close();
  });

  test('operator calls on an unknown queue fail naming the known queues', async () => {
    const { bus } = openBus();
    await assert.rejects(bus.list('parserr', 10), /unknown queue 'parserr' \(known: parser\)/);
    await assert.rejects(bus.redrive('parserr'), /unknown queue 'parserr'/);
    await assert.rejects(bus.depth('parserr'), /unknown queue 'parserr'/);
    assert.throws(() => bus.consumer('parserr'), /unknown queue 'parserr'/);
    bus.close();
  });
});

describe('queue runner on the embedded bus', () => {
  test('stop waits for the messages in flight, acks them, and takes no new ones', async () => {
    const { bus, publisher } = openBus([parserQueue()], systemClock);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    let finished = 0;
    const queueRunner = runner(
      bus,
      parserQueue(),
      defineHandlers({
        'job.scraped@1': async () => {
          started();
          await gate;
          finished++;
        },
      }),
      50,
    );
    queueRunner.start();
    await publisher.publish([{ detailType: 'job.scraped', data: scrapedData(1) }]);
    await handlerStarted;
    let stopped = false;
    const stopping = queueRunner.stop().then(() => {
      stopped = true;
    });
    await sleep(100);
    assert.equal(stopped, false, 'stop waits for the handler');
    assert.equal(queueRunner.status().inFlight, 1);
    release();
    await stopping;
    assert.equal(finished, 1);
    assert.deepEqual(await bus.depth('parser'), { ready: 0, inFlight: 0, deadLettered: 0 }, 'the in-flight message was acked');

    await publisher.publish([{ detailType: 'job.scraped', data: scrapedData(2) }]);
    await sleep(100);
    assert.deepEqual(await bus.depth('parser'), { ready: 1, inFlight: 0, deadLettered: 0 }, 'a stopped runner takes nothing');
    bus.close();
  });

  test('a slow handler keeps its batch invisible past the visibility timeout', async () => {
    const queue = parserQueue({ visibilityTimeoutSeconds: 1, batchSize: 2 });
    const { bus, publisher } = openBus([queue], systemClock);
    const competitor = bus.consumer('parser');
    let stolen = 0;
    const queueRunner = runner(
      bus,
      queue,
      defineHandlers({
        'job.scraped@1': async (event) => {
          if (event.detail.data.externalId === 'job-1') return;
          // job-2 runs 2.5 visibility timeouts; job-1, already done, waits for the batch ack.
          for (let i = 0; i < 10; i++) {
            await sleep(250);
            stolen += (await competitor.receive(10, 0)).length;
          }
        },
      }),
    );
    await publisher.publish([1, 2].map((n) => ({ detailType: 'job.scraped' as const, data: scrapedData(n) })));
    assert.equal(await queueRunner.pollOnce(0), 2);
    assert.equal(stolen, 0, 'no other consumer received either message while the batch ran');
    assert.deepEqual(await bus.depth('parser'), { ready: 0, inFlight: 0, deadLettered: 0 });
    bus.close();
  });
});
