import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { tempDir } from '@jobpipe/test-kit';
import { createEmbeddedPorts, embeddedPaths } from '../../src/embedded/embedded-ports.js';
import { silentLogger } from '../../src/ports/logger.js';
import { defineHandlers } from '../../src/runtime/handlers.js';
import { serviceQueueRunner } from '../../src/runtime/service-queue-runner.js';
import { scrapedData } from '../embedded/bus-test-kit.js';

const dir = tempDir('jobpipe-service-runner-');

/**
 * Transactions committed to a WAL file: frames whose header (24 bytes after the 32-byte file header, then
 * a page each) records the database size, as only a transaction's last frame does.
 */
function walCommits(walPath: string): number {
  const wal = readFileSync(walPath);
  const pageSize = wal.readUInt32BE(8);
  let commits = 0;
  for (let frame = 32; frame + 24 + pageSize <= wal.length; frame += 24 + pageSize) if (wal.readUInt32BE(frame + 4) !== 0) commits++;
  return commits;
}
after(() => dir.remove());

test('serviceQueueRunner runs a service queue as its process does: each batch is one eventsTogether turn', async () => {
  const scheduler = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'scheduler');
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'scraper');
  const handled: string[] = [];
  let turns = 0;
  const counted = {
    ...ports,
    eventsTogether: <T>(work: () => Promise<T>) => {
      turns++;
      return ports.eventsTogether(work);
    },
  };
  const built = {
    handlers: defineHandlers({ 'scrape.requested@1': async (event) => void handled.push(event.detail.data.searchId) }),
    concurrency: 2,
  };
  const runner = serviceQueueRunner('scraper', counted, built, { transport: 'embedded', logger: silentLogger });
  assert.ok(runner, 'the scraper has a queue');
  const request = (searchId: string) => ({
    detailType: 'scrape.requested' as const,
    data: { searchId, source: 'mcf' as const, runId: `r-${searchId}`, requestedBy: 'user' as const, keywords: 'sql' },
  });
  await scheduler.publisher.publish([request('a'), request('b')]);
  await scheduler.flushEvents();
  // The scraper's queue takes one message a batch: each batch is a turn of its own.
  assert.equal(await runner.pollOnce(), 1);
  assert.equal(await runner.pollOnce(), 1);
  assert.deepEqual(handled.sort(), ['a', 'b']);
  assert.equal(turns, 2, 'each batch ran as one eventsTogether turn');
  await runner.stop();
  await ports.close();
  await scheduler.close();
});

test('embedded, a batch costs the bus two commits: its receive, then its ack together with the events its handlers committed', async () => {
  const data = tempDir('jobpipe-service-runner-commits-');
  const scheduler = createEmbeddedPorts({ dataDir: data.path, secretKey: undefined }, 'scheduler');
  const ports = createEmbeddedPorts({ dataDir: data.path, secretKey: undefined }, 'scraper');
  const handlers = defineHandlers({
    'scrape.requested@1': async () => {
      await ports.publisher.publish([1, 2, 3].map((n) => ({ detailType: 'job.scraped' as const, data: scrapedData(n) })));
    },
  });
  const runner = serviceQueueRunner('scraper', ports, { handlers }, { transport: 'embedded', logger: silentLogger })!;
  await scheduler.publisher.publish([
    {
      detailType: 'scrape.requested',
      data: { searchId: 's', source: 'mcf', runId: 'r-1', requestedBy: 'user', keywords: 'sql' },
    },
  ]);
  await scheduler.flushEvents();
  await ports.flushEvents();
  const commits = () => walCommits(`${embeddedPaths(data.path).bus}-wal`);
  const before = commits();
  assert.equal(await runner.pollOnce(), 1);
  assert.equal(commits() - before, 2, 'receive, then the ack and the enqueue of the three events in one transaction');
  assert.deepEqual(await scheduler.bus.depth('scraper'), { ready: 0, inFlight: 0, deadLettered: 0 }, 'the request is acked');
  assert.equal((await scheduler.bus.depth('parser')).ready, 3, 'the events are on the bus');
  await runner.stop();
  await ports.close();
  await scheduler.close();
  data.remove();
});
