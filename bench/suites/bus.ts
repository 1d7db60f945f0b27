/**
 * Embedded bus: publish → consume throughput and latency, against plain better-sqlite3 inserts.
 *
 * - Baseline: the same message rows (same bodies, same columns) inserted with one prepared statement,
 *   10 rows per transaction, into a file opened with the same pragmas (WAL, synchronous=NORMAL).
 * - Throughput: a scraper publisher sends `job.scraped` events in batches of 10 (validated, routed,
 *   logged) while a QueueRunner in the same process receives batches of 10, validates, runs a no-op
 *   handler and acks; the clock runs from the first publish to the last ack.
 * - Latency: publish to handler start, at a steady 2,000 messages/s (a batch of 10 every 5 ms), so the
 *   figure is the bus's own delay rather than the length of a backlog.
 * Baseline and bus alternate over three rounds and the best round of each counts, so background load
 * on a shared machine weighs on both sides alike.
 */
import { join } from 'node:path';
import { setTimeout as sleep, setImmediate as yieldToLoop } from 'node:timers/promises';
import { contracts, type EventDataMap, QUEUES } from '@jobpipe/contracts';
import {
  defineHandlers,
  EmbeddedEventPublisher,
  openSqlite,
  type QueueConsumer,
  QueueRunner,
  type ReceivedMessage,
  randomIds,
  SqliteBus,
  silentLogger,
  systemClock,
} from '@jobpipe/shared';
import { busEvent, tempDir } from '@jobpipe/test-kit';

const MESSAGES = 10_000;
const ROUNDS = 3;
const BATCH = 10;
const LATENCY_MESSAGES = 4_000;
const queue = QUEUES.find((candidate) => candidate.name === 'parser')!;

function scraped(n: number): EventDataMap['job.scraped'] {
  return {
    source: 'mcf',
    externalId: `bench-${n}`,
    url: `https://api.mycareersfuture.gov.sg/v2/jobs/bench-${n}`,
    blobKey: `raw/mcf/bench-${n}/${'b'.repeat(64)}.json`,
    contentHash: 'b'.repeat(64),
    contentType: 'application/json',
    byteLength: 2048,
    fetchedAt: new Date().toISOString(),
  };
}

/** Messages per second of plain prepared inserts of the same rows, 10 per transaction. */
function rawInsertsPerSecond(path: string): number {
  const db = openSqlite(path);
  db.exec(
    'CREATE TABLE messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT NOT NULL UNIQUE, queue TEXT NOT NULL, body TEXT NOT NULL, sent_at INTEGER NOT NULL, visible_at INTEGER NOT NULL)',
  );
  const rows = Array.from({ length: MESSAGES }, (_, n) => {
    const event = busEvent('job.scraped', scraped(n), 'scraper');
    return [`${event.id}:parser`, JSON.stringify(event)] as const;
  });
  const insert = db.prepare('INSERT INTO messages (message_id, queue, body, sent_at, visible_at) VALUES (?, ?, ?, ?, ?)');
  const insertBatch = db.transaction((batch: (typeof rows)[number][]) => {
    const now = Date.now();
    for (const [id, body] of batch) insert.run(id, 'parser', body, now, now);
  });
  const started = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) insertBatch.immediate(rows.slice(i, i + BATCH));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return MESSAGES / seconds;
}

/** A consumer that reports every ack, so the bench knows when the last message is done. */
function countingConsumer(inner: QueueConsumer, onAcked: (count: number) => void): QueueConsumer {
  return {
    queueName: inner.queueName,
    receive: (max, waitMs, signal) => inner.receive(max, waitMs, signal),
    ack: async (messages: readonly ReceivedMessage[]) => {
      await inner.ack(messages);
      onAcked(messages.length);
    },
    release: (message, reason, delay) => inner.release(message, reason, delay),
    deadLetter: (message, reason) => inner.deadLetter(message, reason),
    extendVisibility: (message, seconds) => inner.extendVisibility(message, seconds),
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Publishes `count` messages in batches of 10 through a running QueueRunner; returns seconds and latencies. */
async function busRun(path: string, count: number, batchEveryMs: number | undefined) {
  const bus = new SqliteBus({ path, queues: [queue] });
  const publisher = new EmbeddedEventPublisher(bus, { producer: 'scraper', registry: contracts(), clock: systemClock, ids: randomIds });
  const publishedAt = new Map<string, number>();
  const latencies: number[] = [];
  let acked = 0;
  let allAcked!: () => void;
  const done = new Promise<void>((resolve) => {
    allAcked = resolve;
  });
  const runner = new QueueRunner({
    queue,
    consumer: countingConsumer(bus.consumer(queue.name), (n) => {
      acked += n;
      if (acked >= count) allAcked();
    }),
    registry: contracts(),
    handlers: defineHandlers({
      'job.scraped@1': async (event) => {
        latencies.push(performance.now() - publishedAt.get(event.detail.data.externalId)!);
      },
    }),
    publisher,
    logger: silentLogger,
    waitMs: 1000,
  });
  runner.start();
  const started = performance.now();
  for (let n = 0; n < count; n += BATCH) {
    const batch = Array.from({ length: BATCH }, (_, i) => scraped(n + i));
    const now = performance.now();
    for (const data of batch) publishedAt.set(data.externalId, now);
    await publisher.publish(batch.map((data) => ({ detailType: 'job.scraped' as const, data })));
    if (batchEveryMs === undefined) await yieldToLoop();
    else await sleep(batchEveryMs);
  }
  await done;
  const seconds = (performance.now() - started) / 1000;
  await runner.stop();
  bus.close();
  return { seconds, latencies: latencies.sort((a, b) => a - b) };
}

export default async function busBench(): Promise<Record<string, number>> {
  const dir = tempDir('jobpipe-bench-bus-');
  try {
    let rawPerSecond = 0;
    let messagesPerSecond = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      rawPerSecond = Math.max(rawPerSecond, rawInsertsPerSecond(join(dir.path, `raw-${round}.sqlite`)));
      const throughput = await busRun(join(dir.path, `bus-${round}.sqlite`), MESSAGES, undefined);
      messagesPerSecond = Math.max(messagesPerSecond, MESSAGES / throughput.seconds);
    }
    const latency = await busRun(join(dir.path, 'latency.sqlite'), LATENCY_MESSAGES, 5);
    return {
      'bus.messagesPerSecond': messagesPerSecond,
      'bus.ratioToRawInserts': messagesPerSecond / rawPerSecond,
      'bus.p50Ms': percentile(latency.latencies, 50),
      'bus.p99Ms': percentile(latency.latencies, 99),
    };
  } finally {
    dir.remove();
  }
}
