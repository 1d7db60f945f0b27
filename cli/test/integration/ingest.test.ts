import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type BusEvent, contracts, queueOf } from '@jobpipe/contracts';
import { createParserHandlers, defaultParserConfig } from '@jobpipe/parser';
import { type ReplayServer, startReplayServer } from '@jobpipe/replay';
import { createScraper, readScraperConfig } from '@jobpipe/scraper';
import {
  collect,
  createEmbeddedPorts,
  type HandlerTable,
  QueueRunner,
  readRuntimeConfig,
  type SqliteBus,
  silentLogger,
} from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';

// The whole ingest path on the embedded stack: replay server (500 postings over every source, 20% of
// requests faulty) → scrape.requested → scraper → job.scraped → parser → jobs table + job.parsed.
const POSTINGS = 500;
const BROKEN = 10;
const dir = tempDir('jobpipe-ingest-');
let replay: ReplayServer;
const runners: QueueRunner[] = [];
const closers: (() => Promise<void>)[] = [];

function runner(
  service: 'scraper' | 'parser',
  bus: SqliteBus,
  handlers: HandlerTable,
  publisher: ReturnType<typeof createEmbeddedPorts>['publisher'],
) {
  const queue = queueOf(service)!;
  const started = new QueueRunner({
    queue,
    consumer: bus.consumer(queue.name),
    registry: contracts(),
    handlers,
    publisher,
    logger: silentLogger,
    waitMs: 50,
    concurrency: 5,
  });
  started.start();
  runners.push(started);
}

async function drained(bus: SqliteBus, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const depths = await Promise.all(['scraper', 'parser'].map((queue) => bus.depth(queue)));
    if (depths.every((depth) => depth.ready === 0 && depth.inFlight === 0)) return;
    if (Date.now() > deadline) throw new Error(`queues not drained in time: ${JSON.stringify(depths)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

before(async () => {
  replay = await startReplayServer({ postings: POSTINGS, broken: BROKEN, faults: { rate: 0.2, retryAfterSeconds: 1, seed: 5 } });
  const runtime = readRuntimeConfig({ JOBPIPE_DATA_DIR: dir.path });
  const scraperPorts = createEmbeddedPorts(runtime, 'scraper');
  const parserPorts = createEmbeddedPorts(runtime, 'parser');
  const requester = createEmbeddedPorts(runtime, 'crm-api');
  const scraper = createScraper(scraperPorts, readScraperConfig({ JOBPIPE_DATA_DIR: dir.path, ...replay.scraperEnv() }), silentLogger);
  closers.push(() => scraper.close(), scraperPorts.close, parserPorts.close, requester.close);
  runner('scraper', scraperPorts.bus, scraper.handlers, scraperPorts.publisher);
  runner('parser', parserPorts.bus, createParserHandlers(parserPorts, defaultParserConfig(runtime), silentLogger), parserPorts.publisher);
  await requester.publisher.publish(replay.scrapeRequests('ingest-1').map((data) => ({ detailType: 'scrape.requested' as const, data })));
  await drained(requester.bus, 120_000);
});

after(async () => {
  await Promise.all(runners.map((running) => running.stop()));
  for (const close of closers) await close();
  await replay?.close();
  dir.remove();
});

const jobIdOf = (posting: { source: string; externalId: string }) => `${posting.source}:${posting.externalId}`;

test('the replay really was faulty: a fifth of the requests failed and were retried through', () => {
  const faulty = replay.requests.filter((request) => request.fault).length;
  assert.ok(faulty > replay.requests.length * 0.1, `${faulty} of ${replay.requests.length} requests got a fault`);
});

test('every good posting ends in the jobs table exactly once, and nothing else does', async () => {
  const tables = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'parser');
  try {
    const stored = (await collect(tables.tables.scanAll('jobs', { pageSize: 500 }))).map((item) => item.jobId);
    const good = replay.postings.filter((posting) => !posting.broken).map(jobIdOf);
    assert.ok(replay.postings.length >= POSTINGS, 'generated postings plus the recorded samples');
    assert.equal(good.length, replay.postings.length - BROKEN);
    assert.deepEqual([...stored].sort(), [...good].sort());
  } finally {
    await tables.close();
  }
});

test('each good posting was announced with exactly one job.parsed event', async () => {
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'parser');
  try {
    const announced = new Map<string, number>();
    for (const entry of ports.bus.publishedEvents('job.parsed')) {
      const jobId = (JSON.parse(entry.body) as BusEvent<'job.parsed'>).detail.data.job.jobId;
      announced.set(jobId, (announced.get(jobId) ?? 0) + 1);
    }
    const good = replay.postings.filter((posting) => !posting.broken).map(jobIdOf);
    assert.deepEqual([...announced.keys()].sort(), [...good].sort());
    assert.ok(
      [...announced.values()].every((count) => count === 1),
      'no posting announced twice',
    );
  } finally {
    await ports.close();
  }
});

test('the parser DLQ holds exactly the deliberately broken postings, the scraper DLQ nothing', async () => {
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'parser');
  try {
    const dead = await ports.deadLetters.list('parser', 1000);
    const deadIds = dead.map((letter) => {
      const data = (JSON.parse(letter.body) as BusEvent<'job.scraped'>).detail.data;
      return jobIdOf(data);
    });
    const broken = replay.postings.filter((posting) => posting.broken).map(jobIdOf);
    assert.equal(broken.length, BROKEN);
    assert.deepEqual([...deadIds].sort(), [...broken].sort());
    assert.ok(
      dead.every((letter) => letter.reason.length > 0),
      'each dead letter says why',
    );
    assert.equal((await ports.deadLetters.list('scraper', 10)).length, 0);
  } finally {
    await ports.close();
  }
});
