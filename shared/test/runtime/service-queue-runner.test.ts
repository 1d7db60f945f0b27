import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { tempDir } from '@jobpipe/test-kit';
import { createEmbeddedPorts } from '../../src/embedded/embedded-ports.js';
import { silentLogger } from '../../src/ports/logger.js';
import { defineHandlers } from '../../src/runtime/handlers.js';
import { serviceQueueRunner } from '../../src/runtime/service-queue-runner.js';

const dir = tempDir('jobpipe-service-runner-');
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
