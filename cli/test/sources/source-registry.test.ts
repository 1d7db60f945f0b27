import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type BusEvent, contracts, type JobScrapedV1, SCRAPE_SOURCES } from '@jobpipe/contracts';
import { PARSER_SOURCES, parseRawBody } from '@jobpipe/parser';
import { RECORDINGS_DIR, REPLAY_SOURCES, type ReplayServer, startReplayServer } from '@jobpipe/replay';
import { createScraper, readScraperConfig, type Scraper, SOURCE_MODULES } from '@jobpipe/scraper';
import { createEmbeddedPorts, processMessage, silentLogger } from '@jobpipe/shared';
import { busEvent, tempDir } from '@jobpipe/test-kit';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../src/config.js';

/**
 * A source is one module per package — the scraper's (paging, fetching, politeness), the parser's
 * (detection, extraction), the replay's (recordings, generator, routes) — plus its docs. This test holds
 * every source of the contracts to having all of them, and to its replay being readable end to end.
 */

const PARSER_FIXTURES = join(REPO_ROOT, 'services', 'parser', 'test', 'fixtures');
const sourcesDoc = readFileSync(join(REPO_ROOT, 'docs', 'sources.md'), 'utf8');
/** Where a source's fixtures were fetched from, for the sources whose bodies carry no address of their own. */
const FIXTURE_URLS: Partial<Record<(typeof SCRAPE_SOURCES)[number], string>> = {
  personio: 'https://lindenhof-software.jobs.personio.de/xml?language=en',
};

test('every source is registered with the scraper, the parser and the replay under its own name', () => {
  for (const source of SCRAPE_SOURCES) {
    assert.equal(SOURCE_MODULES[source]?.name, source, `scraper module of ${source}`);
    assert.equal(PARSER_SOURCES[source]?.name, source, `parser module of ${source}`);
    assert.equal(REPLAY_SOURCES[source]?.name, source, `replay module of ${source}`);
  }
  assert.deepEqual(Object.keys(SOURCE_MODULES).sort(), [...SCRAPE_SOURCES].sort(), 'no scraper module outside the contracts');
  assert.deepEqual(Object.keys(PARSER_SOURCES).sort(), [...SCRAPE_SOURCES].sort(), 'no parser module outside the contracts');
  assert.deepEqual(Object.keys(REPLAY_SOURCES).sort(), [...SCRAPE_SOURCES].sort(), 'no replay module outside the contracts');
});

test('every source has recordings, a parser fixture its extractor reads, and a row in docs/sources.md', () => {
  for (const source of SCRAPE_SOURCES) {
    assert.ok(readdirSync(join(RECORDINGS_DIR, source)).length > 0, `tools/replay/recordings/${source}/ holds recordings`);
    const fixtures = readdirSync(join(PARSER_FIXTURES, source));
    const parsed = fixtures.flatMap((file) => {
      try {
        return parseRawBody({
          body: readFileSync(join(PARSER_FIXTURES, source, file)),
          source,
          url: FIXTURE_URLS[source],
          seenAt: '2026-11-01T00:00:00Z',
        }).postings;
      } catch {
        return [];
      }
    });
    assert.ok(parsed.length > 0, `services/parser/test/fixtures/${source}/ holds a fixture the ${source} extractor reads`);
    assert.ok(
      parsed.every((posting) => posting.job.source === source),
      source,
    );
    assert.match(sourcesDoc, new RegExp(`^\\| \`${source}\` —`, 'm'), `docs/sources.md has a row for ${source}`);
  }
});

let replay: ReplayServer;
let ports: ReturnType<typeof createEmbeddedPorts>;
let scraper: Scraper;
const dir = tempDir('jobpipe-source-registry-');

before(async () => {
  replay = await startReplayServer({ postings: 0 });
  ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: 'test-secret-key-0123456789' }, 'scraper');
  scraper = createScraper(ports, readScraperConfig({ JOBPIPE_DATA_DIR: dir.path, ...replay.scraperEnv() }), silentLogger);
});
after(async () => {
  await scraper.close();
  await ports.close();
  await replay.close();
  dir.remove();
});

test("every source's replay serves its recordings at its real paths: the scraper fetches each one and the parser reads it", async () => {
  const requests = replay.scrapeRequests('registry');
  assert.deepEqual(requests.map((request) => request.source).sort(), [...SCRAPE_SOURCES].sort(), 'one search per source');
  for (const [index, request] of requests.entries()) {
    const outcome = await processMessage(
      {
        messageId: `m-${index}`,
        receiptHandle: `r-${index}`,
        body: JSON.stringify(busEvent('scrape.requested', request)),
        receiveCount: 1,
      },
      { registry: contracts(), handlers: scraper.handlers, publisher: ports.publisher, logger: silentLogger },
    );
    assert.equal(outcome.kind, 'ack', `${request.source}: ${JSON.stringify(outcome)}`);
  }
  const scraped = ports.bus
    .publishedEvents('job.scraped')
    .map((entry) => (JSON.parse(entry.body) as BusEvent<'job.scraped'>).detail.data as JobScrapedV1['data']);
  for (const source of SCRAPE_SOURCES) {
    const served = replay.postings.filter((posting) => posting.source === source);
    const events = scraped.filter((event) => event.source === source);
    assert.ok(served.length > 0, `${source} has recorded postings`);
    assert.deepEqual(events.map((event) => event.externalId).sort(), served.map((posting) => posting.externalId).sort(), source);
    for (const event of events) {
      const body = await ports.blobs.get(event.blobKey);
      const result = parseRawBody({ body: body!, source, url: event.url, externalId: event.externalId, seenAt: event.fetchedAt });
      assert.ok(result.postings.length > 0, `${source} ${event.externalId} parses`);
    }
  }
});

test("every board of the repository's default config is served by the replay (no demo search ends partial on a 404)", () => {
  const config = parse(readFileSync(join(REPO_ROOT, 'jobpipe.config.yaml'), 'utf8')) as {
    searches: { id: string; source: (typeof SCRAPE_SOURCES)[number]; boards?: string[] }[];
  };
  const withBoards = config.searches.filter((search) => search.boards);
  assert.ok(withBoards.length > 0);
  for (const search of withBoards) {
    for (const board of search.boards!)
      assert.ok(replay.boards[search.source]?.includes(board), `${search.id}: ${search.source} board ${board}`);
  }
});
