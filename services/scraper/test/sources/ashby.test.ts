import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { scraperHarness } from '../support/harness.js';

type Harness = Awaited<ReturnType<typeof scraperHarness>>;
let h: Harness;

before(async () => {
  h = await scraperHarness({ postings: 220, broken: 0 });
});
after(() => h.close());

const RECORDED = 'fernwood-robotics';
const sorted = (values: readonly string[]) => [...values].sort();

test('Ashby: one request per board reads it whole (no paging), listed jobs only, pay kept only where the board displays it', async () => {
  const before = h.replay.requests.length;
  assert.equal((await h.run(h.request('ashby', 'ab-1'))).kind, 'ack');
  const events = h.scrapedOf('ashby', 'ab-1');
  assert.deepEqual(sorted(events.map((event) => event.externalId)), sorted(h.served('ashby')));
  assert.ok(!events.some((event) => event.externalId === 'c27e9b15-0f3a-4d8c-a6e2-5b9d14f07a68'), 'the unlisted job is not read');
  const boards = h.replay.boards.ashby!;
  assert.ok(boards.length >= 2, 'the search reads the recorded board and the generated ones');
  const lists = h.replay.requests.slice(before).filter((request) => request.path.startsWith('/posting-api/job-board/'));
  assert.deepEqual(
    sorted(lists.map((request) => request.path)),
    sorted(boards.map((board) => `/posting-api/job-board/${board}?includeCompensation=true`)),
  );

  const stored = async (id: string) => {
    const event = events.find((candidate) => candidate.externalId === id)!;
    return JSON.parse((await h.ports.blobs.get(event.blobKey))!.toString()) as Record<string, unknown>;
  };
  const shown = await stored('3f9c2a61-7d4e-4b8a-9c15-2e6f0a8b7d31');
  assert.equal(
    (shown.compensation as { scrapeableCompensationSalarySummary: string }).scrapeableCompensationSalarySummary,
    '$165K - $195K',
  );
  assert.equal(events.find((event) => event.externalId === shown.id)!.url, `https://jobs.ashbyhq.com/${RECORDED}/${String(shown.id)}`);
  const hidden = await stored('8a41d0e7-25bc-4f63-b0d9-71c5e2a93f04');
  assert.equal('compensation' in hidden, false, 'pay the board does not display is not stored');

  const finished = h.finished('ab-1')!;
  assert.equal(finished.status, 'complete');
  assert.equal(finished.coverage.listed, h.served('ashby').length);
});

test('Ashby: a board answers 304 on the next run: nothing downloaded again, its jobs count as not modified', async () => {
  assert.equal((await h.run({ ...h.request('ashby', 'ab-2'), boards: [RECORDED] })).kind, 'ack');
  assert.equal(h.scrapedOf('ashby', 'ab-2').length, 0);
  assert.equal(h.finished('ab-2')!.coverage.fetched, 2);
  assert.equal(h.replay.requests.at(-1)!.status, 304);
});

test('Ashby: a 429 with Retry-After is waited out', async () => {
  const board = h.replay.boards.ashby!.find((name) => name !== RECORDED)!;
  const path = `/posting-api/job-board/${board}?includeCompensation=true`;
  const before = h.replay.requests.length;
  h.replay.faults.inject(path, 'throttle', 1);
  assert.equal((await h.run({ ...h.request('ashby', 'ab-3'), boards: [board] })).kind, 'ack');
  const lists = h.replay.requests.slice(before).filter((request) => request.path === path);
  assert.deepEqual(
    lists.map((request) => (request.status === 304 ? 200 : request.status)),
    [429, 200],
    'throttled, then answered (in full, or 304 when read before)',
  );
  assert.ok(lists[1]!.at - lists[0]!.at >= h.replay.faults.retryAfterSeconds * 1000 - 50, 'waited as long as Retry-After said');
  assert.equal(h.finished('ab-3')!.status, 'complete');
});

test('Ashby: an unknown board (404) and a bad board name fail their boards; the others are read', async () => {
  assert.equal((await h.run({ ...h.request('ashby', 'ab-4'), boards: ['no-such-board', 'bad/../name', RECORDED] })).kind, 'ack');
  const boards = h.finished('ab-4')!.boards ?? [];
  assert.equal(boards.find((entry) => entry.board === 'no-such-board')?.status, 'failed');
  assert.equal(boards.find((entry) => entry.board === 'bad/../name')?.status, 'failed');
  assert.equal(boards.find((entry) => entry.board === RECORDED)?.status, 'complete');
  assert.equal(h.finished('ab-4')!.status, 'partial');
});

test('Ashby: a board bigger than the body cap is refused without reading it whole, and fails its board', async () => {
  const capped = await scraperHarness({ postings: 0 }, { env: { JOBPIPE_SCRAPER_ASHBY_POLICY: '{"maxBodyBytes":2048,"retries":0}' } });
  try {
    assert.equal((await capped.run({ ...capped.request('ashby', 'ab-5'), boards: [RECORDED] })).kind, 'ack');
    assert.equal(capped.scrapedOf('ashby', 'ab-5').length, 0);
    assert.equal(capped.finished('ab-5')!.boards?.[0]?.status, 'failed');
  } finally {
    await capped.close();
  }
});
