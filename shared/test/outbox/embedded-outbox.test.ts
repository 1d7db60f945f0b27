import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BusEvent, EventDataMap } from '@jobpipe/contracts';
import { exampleTableItem, tempDir } from '@jobpipe/test-kit';
import { createEmbeddedPorts } from '../../src/embedded/embedded-ports.js';
import { EmbeddedBusSender } from '../../src/embedded/embedded-publisher.js';
import type { SqliteBus } from '../../src/embedded/sqlite-bus.js';
import { PermanentError } from '../../src/errors.js';
import type { BusSender } from '../../src/outbox/bus-sender.js';
import { OUTBOX_TABLE } from '../../src/outbox/outbox-entries.js';
import { silentLogger } from '../../src/ports/logger.js';
import { scrapedData } from '../embedded/bus-test-kit.js';

const contractsDir = join(import.meta.dirname, '..', '..', '..', 'contracts');
let dir: ReturnType<typeof tempDir>;
before(() => {
  dir = tempDir('outbox-');
});
after(() => dir.remove());

/** A way onto the bus that fails while `down` is set, like a bus file that cannot be written. */
class FlakySender implements BusSender {
  down = true;
  attempts = 0;
  constructor(private readonly real: BusSender) {}
  async send(events: readonly BusEvent[]): Promise<void> {
    this.attempts++;
    if (this.down) throw new Error('bus unavailable');
    await this.real.send(events);
  }
}

function portsWithFlakyBus(dataDir: string) {
  let sender: FlakySender | undefined;
  const ports = createEmbeddedPorts({ dataDir, secretKey: undefined }, 'scraper', {
    logger: silentLogger,
    relayRetry: { minRetryDelayMs: 5, maxRetryDelayMs: 20 },
    sender: (bus: SqliteBus) => {
      sender = new FlakySender(new EmbeddedBusSender(bus));
      return sender;
    },
  });
  return { ports, sender: sender! };
}

/** Everything on the parser queue (job.scraped goes there), taken and acknowledged. */
async function drainParserQueue(bus: SqliteBus): Promise<string[]> {
  const consumer = bus.consumer('parser');
  const ids: string[] = [];
  for (;;) {
    const messages = await consumer.receive(10, 0);
    if (messages.length === 0) return ids;
    ids.push(...messages.map((message) => (JSON.parse(message.body) as BusEvent).id));
    await consumer.ack(messages);
  }
}

async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Commits a scrape-state change announced by a job.scraped event, as the scraper does. */
function commitScrape(ports: ReturnType<typeof createEmbeddedPorts>, n: number) {
  return ports.outbox.commit({
    writes: [{ table: 'scrapeState', item: { key: `http#https://jobs.example/job-${n}`, etag: `"v${n}"` } }],
    events: [{ detailType: 'job.scraped', data: scrapedData(n) }],
  });
}

test('with publishing failing for a while, every accepted change is delivered exactly once after recovery', async () => {
  const { ports, sender } = portsWithFlakyBus(dir.path + '/flaky');
  try {
    const accepted: string[] = [];
    for (let n = 1; n <= 25; n++) {
      const result = await commitScrape(ports, n);
      assert.equal(result.committed, true);
      if (result.committed) accepted.push(...result.eventIds);
    }
    await waitFor(async () => sender.attempts >= 3, 'the relay to retry');
    assert.deepEqual(await drainParserQueue(ports.bus), [], 'nothing reached the bus while it was down');
    assert.ok(await ports.tables.get('scrapeState', { key: 'http#https://jobs.example/job-25' }), 'the changes themselves are stored');

    sender.down = false;
    const delivered: string[] = [];
    await waitFor(async () => {
      delivered.push(...(await drainParserQueue(ports.bus)));
      return delivered.length >= accepted.length;
    }, 'the relay to recover on its own');
    await ports.flushEvents();
    delivered.push(...(await drainParserQueue(ports.bus)));
    assert.deepEqual(delivered, accepted, 'each event once, in commit order');
    assert.deepEqual((await ports.tables.query(OUTBOX_TABLE, { partitionValue: 'scraper' })).items, []);
  } finally {
    await ports.close();
  }
});

test('events left by a process that stopped while the bus was down go out when the next one starts, once', async () => {
  const dataDir = dir.path + '/restart';
  const first = portsWithFlakyBus(dataDir);
  const result = await commitScrape(first.ports, 1);
  assert.equal(result.committed, true);
  await first.ports.close();

  const second = createEmbeddedPorts({ dataDir, secretKey: undefined }, 'scraper', { logger: silentLogger });
  try {
    await second.flushEvents();
    assert.deepEqual(await drainParserQueue(second.bus), result.committed ? result.eventIds : ['committed']);
  } finally {
    await second.close();
  }
});

test('an entry relayed again (a crash before it was marked sent) is not delivered twice', async () => {
  const { ports, sender } = portsWithFlakyBus(`${dir.path}/twice`);
  try {
    await commitScrape(ports, 1);
    const [entry] = (await ports.tables.query(OUTBOX_TABLE, { partitionValue: 'scraper' })).items;
    sender.down = false;
    await ports.flushEvents();
    await ports.tables.put(OUTBOX_TABLE, entry!);
    await ports.relay.wake();
    assert.deepEqual((await ports.tables.query(OUTBOX_TABLE, { partitionValue: 'scraper' })).items, [], 'relayed again');
    assert.equal((await drainParserQueue(ports.bus)).length, 1);
  } finally {
    await ports.close();
  }
});

test('a change whose condition fails stores no event; an invalid event stores no change', async () => {
  const ports = createEmbeddedPorts({ dataDir: dir.path + '/atomic', secretKey: undefined }, 'scraper', { logger: silentLogger });
  try {
    await ports.tables.put('scrapeState', { key: 'http#https://jobs.example/job-1', etag: '"b"' });
    const refused = await ports.outbox.commit({
      writes: [{ table: 'scrapeState', item: { key: 'http#https://jobs.example/job-1', etag: '"c"' }, condition: { kind: 'notExists' } }],
      events: [{ detailType: 'job.scraped', data: scrapedData(1) }],
    });
    assert.deepEqual(refused, { committed: false });
    await assert.rejects(
      ports.outbox.commit({
        writes: [{ table: 'scrapeState', item: { key: 'http#https://jobs.example/job-2', etag: '"c"' } }],
        events: [{ detailType: 'job.scraped', data: { ...scrapedData(2), source: 'nowhere' as never } }],
      }),
      PermanentError,
    );
    assert.equal(await ports.tables.get('scrapeState', { key: 'http#https://jobs.example/job-2' }), undefined);
    await ports.flushEvents();
    assert.deepEqual(await drainParserQueue(ports.bus), []);
  } finally {
    await ports.close();
  }
});

/** The `data` of the contract's own valid job.parsed example. */
const parsedData = (
  JSON.parse(readFileSync(join(contractsDir, 'schemas/job.parsed/v1/examples/valid-basic.json'), 'utf8')) as {
    data: EventDataMap['job.parsed'];
  }
).data;

test('commits of one event-loop turn in a grouped process share one bus transaction; an invalid event fails only its caller', async () => {
  const ports = createEmbeddedPorts({ dataDir: `${dir.path}/grouped`, secretKey: undefined }, 'parser', { logger: silentLogger });
  try {
    let busTransactions = 0;
    const enqueueOnce = ports.bus.enqueueOnce.bind(ports.bus);
    ports.bus.enqueueOnce = (messages) => {
      busTransactions++;
      return enqueueOnce(messages);
    };
    const commit = (n: number, data: EventDataMap['job.parsed']) =>
      ports.outbox.commit({
        writes: [{ table: 'jobs', item: exampleTableItem('jobs', 'valid-basic', { jobId: `mcf:${n}` }) }],
        events: [{ detailType: 'job.parsed', data }],
      });
    const outcomes = await Promise.allSettled([
      commit(1, parsedData),
      commit(2, { ...parsedData, change: 'sideways' as never }),
      commit(3, parsedData),
    ]);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    assert.equal(busTransactions, 1);
    assert.equal(await ports.tables.get('jobs', { jobId: 'mcf:2' }), undefined);
    assert.equal((await ports.bus.depth('etl')).ready, 2);
  } finally {
    await ports.close();
  }
});
