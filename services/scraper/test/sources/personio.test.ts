import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { personioPositions } from '../../src/sources/personio/personio-feed.js';
import { scraperHarness } from '../support/harness.js';

type Harness = Awaited<ReturnType<typeof scraperHarness>>;
let h: Harness;

before(async () => {
  h = await scraperHarness({ postings: 220, broken: 0 });
});
after(() => h.close());

const RECORDED = 'lindenhof-software';
const sorted = (values: readonly string[]) => [...values].sort();

test('Personio: one feed request per company (no paging); each <position> one XML blob at its page', async () => {
  const before = h.replay.requests.length;
  assert.equal((await h.run(h.request('personio', 'pe-1'))).kind, 'ack');
  const events = h.scrapedOf('personio', 'pe-1');
  assert.deepEqual(sorted(events.map((event) => event.externalId)), sorted(h.served('personio')));
  const feeds = h.replay.requests.slice(before).filter((request) => request.path.includes('/xml'));
  assert.deepEqual(
    sorted(feeds.map((request) => request.path)),
    sorted(h.replay.boards.personio!.map((company) => `/${company}/xml?language=en`)),
  );
  const one = events.find((event) => event.externalId === '1620418')!;
  assert.equal(one.url, `${h.replay.origin}/${RECORDED}/job/1620418`);
  assert.equal(one.contentType, 'application/xml');
  const xml = (await h.ports.blobs.get(one.blobKey))!.toString();
  assert.match(xml, /^<position>[\s\S]*<!\[CDATA\[<p>Lindenhof builds[\s\S]*<\/position>$/);
  assert.equal(h.finished('pe-1')!.status, 'complete');
});

test('Personio: the next run gets 304 and downloads nothing', async () => {
  assert.equal((await h.run({ ...h.request('personio', 'pe-2'), boards: [RECORDED] })).kind, 'ack');
  assert.equal(h.scrapedOf('personio', 'pe-2').length, 0);
  assert.equal(h.finished('pe-2')!.coverage.fetched, 3);
});

test('Personio: a 429 with Retry-After is waited out', async () => {
  const company = h.replay.boards.personio!.find((name) => name !== RECORDED)!;
  const path = `/${company}/xml?language=en`;
  const before = h.replay.requests.length;
  h.replay.faults.inject(path, 'throttle', 1);
  assert.equal((await h.run({ ...h.request('personio', 'pe-3'), boards: [company] })).kind, 'ack');
  const feeds = h.replay.requests.slice(before).filter((request) => request.path === path);
  assert.deepEqual(
    feeds.map((request) => (request.status === 304 ? 200 : request.status)),
    [429, 200],
  );
  assert.ok(feeds[1]!.at - feeds[0]!.at >= h.replay.faults.retryAfterSeconds * 1000 - 50, 'waited as long as Retry-After said');
  assert.equal(h.finished('pe-3')!.status, 'complete');
});

test('Personio: an unknown company (404), a bad name and an answer that is no feed fail their boards', async () => {
  assert.equal((await h.run({ ...h.request('personio', 'pe-4'), boards: ['no-such-company', 'a.b/c', RECORDED] })).kind, 'ack');
  const boards = h.finished('pe-4')!.boards ?? [];
  assert.equal(boards.find((entry) => entry.board === 'no-such-company')?.status, 'failed');
  assert.equal(boards.find((entry) => entry.board === 'a.b/c')?.status, 'failed');
  assert.equal(boards.find((entry) => entry.board === RECORDED)?.status, 'complete');
  assert.throws(() => personioPositions('<html><body>Maintenance</body></html>'), /expected a <workzag-jobs> feed, got <html>/);
  assert.deepEqual(personioPositions('<?xml version="1.0"?><workzag-jobs></workzag-jobs>'), [], 'a company without open positions');
});

test('Personio: a feed bigger than the body cap fails its board without being read whole', async () => {
  const capped = await scraperHarness({ postings: 0 }, { env: { JOBPIPE_SCRAPER_PERSONIO_POLICY: '{"maxBodyBytes":2048,"retries":0}' } });
  try {
    assert.equal((await capped.run({ ...capped.request('personio', 'pe-5'), boards: [RECORDED] })).kind, 'ack');
    assert.equal(capped.scrapedOf('personio', 'pe-5').length, 0);
    assert.equal(capped.finished('pe-5')!.boards?.[0]?.status, 'failed');
  } finally {
    await capped.close();
  }
});
