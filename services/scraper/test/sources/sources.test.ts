import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunItem } from '@jobpipe/contracts';
import { capturingLogger } from '../support/capture-logger.js';
import { scraperHarness } from '../support/harness.js';

/** The record of a run the scraper kept (`run#<searchId>#<runId>`). */
const storedRun = async (key: string) => (await h.ports.tables.get('scrapeState', { key })) as RunItem | undefined;

type Harness = Awaited<ReturnType<typeof scraperHarness>>;
let h: Harness;
const log = capturingLogger();

before(async () => {
  h = await scraperHarness(
    { postings: 40, broken: 5 },
    {
      logger: log.logger,
      env: {
        JOBPIPE_SCRAPER_MCF_POLICY: '{"pageSize":4}',
        JOBPIPE_SCRAPER_USAJOBS_POLICY: '{"pageSize":5}',
        JOBPIPE_SCRAPER_USAJOBS_API_KEY: 'replay-key',
      },
    },
  );
});
after(() => h.close());

const expected = (source: string) => h.replay.postings.filter((posting) => posting.source === source).map((posting) => posting.externalId);
const scrapedOf = (source: string, runId: string) => h.scraped().filter((event) => event.source === source && event.runId === runId);

test('MCF: pages through POST /v2/search, fetches every detail, stores the detail body as the raw blob', async () => {
  const outcome = await h.run(h.request('mcf', 'mcf-1'));
  assert.equal(outcome.kind, 'ack');
  const ids = expected('mcf');
  const searches = h.replay.requests.filter((request) => request.method === 'POST' && request.path.startsWith('/v2/search'));
  assert.deepEqual(
    searches.map((request) => request.path),
    Array.from({ length: Math.ceil(ids.length / 4) }, (_, page) => `/v2/search?limit=4&page=${page}`),
  );
  const events = scrapedOf('mcf', 'mcf-1');
  assert.deepEqual(events.map((event) => event.externalId).sort(), [...ids].sort());
  const one = events[0]!;
  assert.equal(one.url, `${h.replay.origin}/v2/jobs/${one.externalId}`);
  assert.equal(one.blobKey, `raw/mcf/${one.externalId}/${one.contentHash}.json`);
  const body = await h.ports.blobs.get(one.blobKey);
  assert.equal(JSON.parse(body!.toString()).uuid, one.externalId, 'the blob holds the detail as served');
});

test('MCF: a second run sends the ETags back, gets 304s and publishes nothing; an edited posting is published again', async () => {
  h.replay.touch('mcf', expected('mcf')[1]!);
  const outcome = await h.run(h.request('mcf', 'mcf-2'));
  assert.equal(outcome.kind, 'ack');
  assert.deepEqual(
    scrapedOf('mcf', 'mcf-2').map((event) => event.externalId),
    [expected('mcf')[1]],
  );
  const run = await storedRun('run#replay-mcf#mcf-2');
  assert.equal(run!.counts.notModified, expected('mcf').length - 1);
  assert.equal(run!.counts.published, 1);
});

test('USAJOBS: pages with Page/ResultsPerPage, sends the keyed headers, stores one SearchResultItems element per posting', async () => {
  const outcome = await h.run(h.request('usajobs', 'usa-1'));
  assert.equal(outcome.kind, 'ack');
  const searches = h.replay.requests.filter((request) => request.path.startsWith('/api/search'));
  const ids = expected('usajobs');
  assert.equal(searches.length, Math.ceil(ids.length / 5));
  assert.ok(searches.every((request) => request.status === 200));
  assert.match(searches[0]!.path, /Keyword=data&LocationName=Washington%2C\+District\+of\+Columbia&ResultsPerPage=5&Page=1/);
  assert.equal(searches[0]!.headers['user-agent'], 'replay@jobpipe.invalid');
  assert.equal(searches[0]!.headers['authorization-key'], 'replay-key');
  const events = scrapedOf('usajobs', 'usa-1');
  assert.deepEqual(events.map((event) => event.externalId).sort(), [...ids].sort());
  const item = JSON.parse((await h.ports.blobs.get(events[0]!.blobKey))!.toString());
  assert.equal(String(item.MatchedObjectId), events[0]!.externalId);
  assert.ok(item.MatchedObjectDescriptor);
  assert.ok(!log.lines.some((line) => line.includes('replay-key')), 'the key never reaches the logs');
});

test('USAJOBS: unchanged content (same hash) publishes nothing on the next run', async () => {
  const outcome = await h.run(h.request('usajobs', 'usa-2'));
  assert.equal(outcome.kind, 'ack');
  assert.equal(scrapedOf('usajobs', 'usa-2').length, 0);
  const run = await storedRun('run#replay-usajobs#usa-2');
  assert.equal(run!.counts.unchanged, expected('usajobs').length);
});

test('Greenhouse and Lever: every configured board, one job per blob, addressed at its real path', async () => {
  assert.equal((await h.run(h.request('greenhouse', 'gh-1'))).kind, 'ack');
  assert.equal((await h.run(h.request('lever', 'lv-1'))).kind, 'ack');
  const greenhouse = scrapedOf('greenhouse', 'gh-1');
  assert.deepEqual(greenhouse.map((event) => event.externalId).sort(), [...expected('greenhouse')].sort());
  assert.match(greenhouse[0]!.url, new RegExp(`^${h.replay.origin}/v1/boards/[a-z0-9-]+/jobs/${greenhouse[0]!.externalId}$`));
  const job = JSON.parse((await h.ports.blobs.get(greenhouse[0]!.blobKey))!.toString());
  assert.equal(String(job.id), greenhouse[0]!.externalId);
  const lever = scrapedOf('lever', 'lv-1');
  assert.deepEqual(lever.map((event) => event.externalId).sort(), [...expected('lever')].sort());
  assert.match(lever[0]!.url, new RegExp(`^${h.replay.origin}/v0/postings/[a-z0-9-]+/${lever[0]!.externalId}$`));
  // The boards answer 304 on the next run: nothing is downloaded again.
  assert.equal((await h.run(h.request('greenhouse', 'gh-2'))).kind, 'ack');
  assert.equal(scrapedOf('greenhouse', 'gh-2').length, 0);
  assert.ok(h.replay.requests.some((request) => request.path.startsWith('/v1/boards/') && request.status === 304));
  const run = await storedRun('run#replay-greenhouse#gh-2');
  assert.equal(run!.counts.notModified, expected('greenhouse').length, 'a 304 board counts its postings as not modified');
});

test('JSON-LD: follows the search page links matching the selector, refuses the link off the allowlist, stores HTML', async () => {
  const outcome = await h.run(h.request('jsonld', 'ld-1'));
  assert.equal(outcome.kind, 'ack', 'a refused link is reported, not retried');
  const events = scrapedOf('jsonld', 'ld-1');
  assert.deepEqual(events.map((event) => event.externalId).sort(), [...expected('jsonld')].sort());
  assert.ok(events.every((event) => event.contentType === 'text/html' && event.blobKey.endsWith('.html')));
  assert.ok(!h.replay.requests.some((request) => request.path.includes('elsewhere')));
  const run = await storedRun('run#replay-jsonld#ld-1');
  assert.equal(run!.status, 'partial');
  assert.match(run!.errors.join('\n'), /ats\.elsewhere\.example.*allowlist/);
});

test('JSON-LD: URLs given in the request off the allowlist are refused without a request', async () => {
  const seen = h.replay.requests.length;
  const outcome = await h.run({
    searchId: 'ssrf',
    source: 'jsonld',
    runId: 'ld-ssrf',
    requestedBy: 'user',
    urls: ['http://169.254.169.254/latest/meta-data/'],
  });
  assert.equal(outcome.kind, 'ack');
  assert.equal(h.replay.requests.length, seen);
  const run = await storedRun('run#ssrf#ld-ssrf');
  assert.equal(run!.counts.failed, 1);
});
