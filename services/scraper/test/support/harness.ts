import { type BusEvent, contracts, type EventDataMap, type JobScrapedV1 } from '@jobpipe/contracts';
import { type ReplayServerOptions, startReplayServer } from '@jobpipe/replay';
import { createEmbeddedPorts, type Logger, processMessage, type ReceivedMessage, silentLogger } from '@jobpipe/shared';
import { busEvent, tempDir } from '@jobpipe/test-kit';
import { createScraper, type ScraperOptions } from '../../src/app.js';
import { readScraperConfig } from '../../src/config.js';
import type { ScrapeRequest } from '../../src/domain/sources.js';

/** A scraper on embedded ports in a temp folder, pointed at a replay server. */
export async function scraperHarness(
  replayOptions: ReplayServerOptions = {},
  extra: { env?: Record<string, string>; logger?: Logger; options?: ScraperOptions } = {},
) {
  const dir = tempDir('jobpipe-scraper-');
  const replay = await startReplayServer({ postings: 10, ...replayOptions });
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: 'test-secret-key-0123456789' }, 'scraper');
  const config = readScraperConfig({ JOBPIPE_DATA_DIR: dir.path, ...replay.scraperEnv(), ...extra.env });
  const scraper = createScraper(ports, config, extra.logger ?? silentLogger, extra.options);
  let sequence = 0;
  return {
    dir,
    replay,
    ports,
    config,
    scraper,
    /** Runs one scrape.requested through the same processing as the queue runner; returns the outcome. */
    async run(request: ScrapeRequest) {
      const event = busEvent('scrape.requested', request);
      const message: ReceivedMessage = {
        messageId: `m-${++sequence}`,
        receiptHandle: `r-${sequence}`,
        body: JSON.stringify(event),
        receiveCount: 1,
      };
      return processMessage(message, {
        registry: contracts(),
        handlers: scraper.handlers,
        publisher: ports.publisher,
        logger: extra.logger ?? silentLogger,
      });
    },
    /** The job.scraped events published so far. */
    scraped(): JobScrapedV1['data'][] {
      return ports.bus.publishedEvents('job.scraped').map((entry) => (JSON.parse(entry.body) as BusEvent<'job.scraped'>).detail.data);
    },
    /** The job.scraped events of one source's run. */
    scrapedOf(source: ScrapeRequest['source'], runId: string): JobScrapedV1['data'][] {
      return this.scraped().filter((event) => event.source === source && event.runId === runId);
    },
    /** The last scrape.finished of a run. */
    finished(runId: string): EventDataMap['scrape.finished'] | undefined {
      return ports.bus
        .publishedEvents('scrape.finished')
        .map((entry) => (JSON.parse(entry.body) as BusEvent<'scrape.finished'>).detail.data)
        .filter((data) => data.runId === runId)
        .at(-1);
    },
    /** The external ids the replay serves for a source (its searches read them all). */
    served(source: ScrapeRequest['source']): string[] {
      return replay.postings.filter((posting) => posting.source === source).map((posting) => posting.externalId);
    },
    request(source: ScrapeRequest['source'], runId: string): ScrapeRequest {
      return replay.scrapeRequests(runId).find((candidate) => candidate.source === source)!;
    },
    async close() {
      await scraper.close();
      await ports.close();
      await replay.close();
      dir.remove();
    },
  };
}
