/**
 * The embedded bus across real processes: a consumer SIGKILLed mid-handler, and two consumer
 * processes sharing one queue. Each consumer is `fixtures/bus-consumer-process.ts` in its own Node.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { tempDir } from '@jobpipe/test-kit';
import { openSqlite } from '../../src/embedded/sqlite.js';
import { SqliteBus } from '../../src/embedded/sqlite-bus.js';
import { ManualClock, systemClock } from '../../src/ports/clock.js';
import { parserQueue, scrapedData, scraperPublisher, startConsumerProcess } from './bus-test-kit.js';

const dir = tempDir('jobpipe-bus-processes-');
after(() => dir.remove());

test('a consumer killed mid-handler: a restarted consumer gets the message at once; a second death dead-letters it', {
  timeout: 180_000,
}, async () => {
  const queue = parserQueue({ visibilityTimeoutSeconds: 600, maxReceiveCount: 2 });
  const path = join(dir.path, 'killed.sqlite');
  const clock = new ManualClock(new Date());
  const bus = new SqliteBus({ path, clock, queues: [queue] });
  const [eventId] = await scraperPublisher(bus, clock).publish([{ detailType: 'job.scraped', data: scrapedData(1) }]);
  const env = {
    JOBPIPE_TEST_BUS: path,
    JOBPIPE_TEST_QUEUES: JSON.stringify([queue]),
    JOBPIPE_TEST_QUEUE: queue.name,
    JOBPIPE_TEST_MODE: 'hang',
  };

  const first = startConsumerProcess(env);
  await first.line((line) => line.handling === eventId);
  assert.deepEqual(await bus.depth(queue.name), { ready: 0, inFlight: 1, deadLettered: 0 });
  first.child.kill('SIGKILL');
  await first.exited;
  assert.equal((await bus.depth(queue.name)).heldByDeadProcesses, 1, 'status can tell the holder died');

  // Well inside the 600 s visibility timeout, a restarted consumer releases the dead process's claim.
  const second = startConsumerProcess(env);
  const redelivered = await second.line((line) => line.handling === eventId);
  assert.ok(redelivered, 'redelivered to the restarted consumer without waiting out the visibility timeout');
  second.child.kill('SIGKILL');
  await second.exited;

  // The second receiver died too: its receive counted, so releasing it makes the next receive exceed max receives.
  assert.deepEqual(await bus.consumer(queue.name).receive(10, 0), []);
  const [dead] = await bus.list(queue.name, 10);
  assert.equal(dead?.messageId, `${eventId}:parser`);
  assert.match(dead?.reason ?? '', /exceeded 2 receives; last error: released at start: process \d+, which held it, had died/);
  bus.close();
});

test('a consumer that is alive but stuck keeps its claim until the visibility timeout', async () => {
  const queue = parserQueue({ visibilityTimeoutSeconds: 5, maxReceiveCount: 3 });
  const path = join(dir.path, 'stuck.sqlite');
  const clock = new ManualClock(new Date());
  const bus = new SqliteBus({ path, clock, queues: [queue] });
  const [eventId] = await scraperPublisher(bus, clock).publish([{ detailType: 'job.scraped', data: scrapedData(1) }]);
  const stuck = startConsumerProcess({
    JOBPIPE_TEST_BUS: path,
    JOBPIPE_TEST_QUEUES: JSON.stringify([queue]),
    JOBPIPE_TEST_QUEUE: queue.name,
    JOBPIPE_TEST_MODE: 'hang',
  });
  try {
    await stuck.line((line) => line.handling === eventId);
    clock.set(new Date());
    assert.deepEqual(await bus.consumer(queue.name).receive(10, 0), [], 'a live holder keeps the message');
  } finally {
    stuck.child.kill('SIGKILL');
    await stuck.exited;
  }
  bus.close();
});

test('two consumer processes on one queue never handle the same message at the same time', async () => {
  const messages = 300;
  const queue = parserQueue({ visibilityTimeoutSeconds: 30 });
  const path = join(dir.path, 'shared.sqlite');
  const markerPath = join(dir.path, 'marker.sqlite');
  const marker = openSqlite(markerPath);
  marker.exec(`
    CREATE TABLE active (event_id TEXT PRIMARY KEY, pid INTEGER NOT NULL);
    CREATE TABLE overlaps (event_id TEXT NOT NULL, pid INTEGER NOT NULL);
    CREATE TABLE handled (event_id TEXT NOT NULL, pid INTEGER NOT NULL);
  `);
  const bus = new SqliteBus({ path, queues: [queue] });
  const env = {
    JOBPIPE_TEST_BUS: path,
    JOBPIPE_TEST_QUEUES: JSON.stringify([queue]),
    JOBPIPE_TEST_QUEUE: queue.name,
    JOBPIPE_TEST_MODE: 'marker',
    JOBPIPE_TEST_MARKER: markerPath,
  };
  const consumers = [startConsumerProcess(env), startConsumerProcess(env)];
  try {
    await Promise.all(consumers.map((consumer) => consumer.line((line) => 'ready' in line)));
    const publisher = scraperPublisher(bus, systemClock);
    for (let start = 0; start < messages; start += 10) {
      await publisher.publish(Array.from({ length: 10 }, (_, i) => ({ detailType: 'job.scraped' as const, data: scrapedData(start + i) })));
    }
    const distinct = marker.prepare('SELECT COUNT(DISTINCT event_id) AS n FROM handled');
    for (let waited = 0; waited < 600; waited++) {
      const depth = await bus.depth(queue.name);
      if ((distinct.get() as { n: number }).n === messages && depth.ready + depth.inFlight === 0) break;
      await sleep(100);
    }
    const overlaps = marker.prepare('SELECT event_id, pid FROM overlaps').all();
    assert.deepEqual(overlaps, [], 'no message was in two handlers at once');
    assert.equal((distinct.get() as { n: number }).n, messages, 'every message was handled');
    assert.deepEqual(await bus.depth(queue.name), { ready: 0, inFlight: 0, deadLettered: 0 });
    const perProcess = marker.prepare('SELECT pid, COUNT(*) AS n FROM handled GROUP BY pid').all() as { pid: number; n: number }[];
    assert.equal(perProcess.length, 2, `both processes took part (${JSON.stringify(perProcess)})`);
  } finally {
    for (const consumer of consumers) consumer.child.kill('SIGTERM');
    assert.deepEqual(await Promise.all(consumers.map((consumer) => consumer.exited)), [0, 0], 'both stopped gracefully on SIGTERM');
    marker.close();
    bus.close();
  }
});
