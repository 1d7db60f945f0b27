import { createHash } from 'node:crypto';
import { contracts, type EventDataMap, queueOf } from '@jobpipe/contracts';

type JobScraped = EventDataMap['job.scraped'];

import type { JobItem } from '@jobpipe/contracts';
import { createEmbeddedPorts, type EmbeddedPortOverrides, ManualClock, QueueRunner, rawBlobKey, silentLogger } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import { createParserHandlers } from '../../src/index.js';

/**
 * An embedded stack with the parser running over a temp folder: the scraper side publishes, the parser
 * handles. `parserTables` wraps the tables file as the parser's ports see it.
 */
export function parserStack(parserTables?: EmbeddedPortOverrides['tables']) {
  const dir = tempDir('jobpipe-parser-');
  const clock = new ManualClock(new Date('2026-07-20T08:00:00.000Z'));
  const scraper = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'scraper', { clock });
  const crm = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'crm-api', { clock });
  const parser = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'parser', {
    clock,
    ...(parserTables ? { tables: parserTables } : {}),
  });
  const handlers = createParserHandlers(parser, { maxBodyBytes: 5 * 1024 * 1024, duplicateMinConfidence: 0.75 }, silentLogger);
  const runner = new QueueRunner({
    queue: queueOf('parser')!,
    consumer: parser.consumer('parser'),
    registry: contracts(),
    handlers,
    publisher: parser.publisher,
    logger: silentLogger,
  });
  const downstream = parser.consumer('etl');

  return {
    dir,
    scraper,
    crm,
    parser,
    runner,
    /** Stores a raw body as the scraper does and publishes its job.scraped. */
    async scrape(
      source: JobScraped['source'],
      externalId: string,
      body: string | Buffer,
      url: string,
      fetchedAt = clock.now().toISOString(),
    ) {
      const bytes = typeof body === 'string' ? Buffer.from(body) : body;
      const hash = createHash('sha256').update(bytes).digest('hex');
      const contentType = source === 'jsonld' ? 'text/html' : 'application/json';
      const blobKey = rawBlobKey({ source, externalId, contentHash: hash, contentType });
      await scraper.blobs.put(blobKey, bytes);
      const data: JobScraped = {
        source,
        externalId,
        url,
        blobKey,
        contentHash: hash,
        contentType,
        byteLength: bytes.length,
        fetchedAt,
      };
      await scraper.publisher.publish([{ detailType: 'job.scraped', data }]);
      return data;
    },
    /** Handles every message waiting on the parser queue. */
    async drain(): Promise<void> {
      while ((await runner.pollOnce(0)) > 0) {}
    },
    /** The job.parsed events that reached a downstream queue (etl), acknowledged as read. */
    async parsedEvents() {
      const events = [];
      for (;;) {
        const messages = await downstream.receive(10, 0);
        if (messages.length === 0) break;
        await downstream.ack(messages);
        events.push(...messages.map((message) => JSON.parse(message.body)).filter((event) => event['detail-type'] === 'job.parsed'));
      }
      return events;
    },
    async jobs(): Promise<JobItem[]> {
      return (await parser.tables.scan('jobs')).items;
    },
    async deadLetters() {
      return parser.deadLetters.list('parser', 100);
    },
    clock,
    async close() {
      await Promise.all([scraper.close(), crm.close(), parser.close()]);
      dir.remove();
    },
  };
}
