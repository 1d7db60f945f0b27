import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BusEvent, EventDataMap } from '@jobpipe/contracts';
import { scraperHarness } from '../support/harness.js';

type Harness = Awaited<ReturnType<typeof scraperHarness>>;
let h: Harness;

const SPLITTABLE = 'bigco.wd1/Careers';
const UNSPLITTABLE = 'onefamily.wd3/Jobs';

before(async () => {
  h = await scraperHarness({
    postings: 60,
    broken: 0,
    workdayLargeBoards: [
      { board: SPLITTABLE, company: 'Bigco Retail', postings: 2050, splittable: true },
      { board: UNSPLITTABLE, company: 'One Family Foods', postings: 2010, splittable: false },
    ],
  });
});
after(() => h.close());

const finished = (runId: string): EventDataMap['scrape.finished'] =>
  h.ports.bus
    .publishedEvents('scrape.finished')
    .map((entry) => (JSON.parse(entry.body) as BusEvent<'scrape.finished'>).detail.data)
    .filter((data) => data.runId === runId)
    .at(-1)!;
const scraped = (runId: string) => h.scraped().filter((event) => event.source === 'workday' && event.runId === runId);
const searchesOf = (prefix: string) => h.replay.requests.filter((request) => request.method === 'POST' && request.path.startsWith(prefix));
const servedOn = (board: string) =>
  h.replay.postings.filter((posting) => posting.source === 'workday' && posting.externalId.startsWith(`${board.split('.')[0]}.`));
const workdayRequest = (runId: string, boards: string[]) => ({ ...h.request('workday', runId), boards });

test('Workday: pages the cxs search by 20 (POST appliedFacets/limit/offset/searchText), fetches each detail by externalPath', async () => {
  const boards = h.replay.boards.workday!.filter((board) => board !== SPLITTABLE && board !== UNSPLITTABLE);
  assert.ok(boards.includes('summit.wd5/Careers'), 'the recorded board is served');
  assert.equal((await h.run(workdayRequest('wd-1', boards))).kind, 'ack');
  const expected = boards.flatMap(servedOn).map((posting) => posting.externalId);
  assert.deepEqual(
    scraped('wd-1')
      .map((event) => event.externalId)
      .sort(),
    expected.sort(),
  );
  const one = scraped('wd-1').find((event) => event.externalId === 'summit.Senior-Data-Engineer_R-20417')!;
  assert.equal(one.url, `${h.replay.origin}/wday/cxs/summit/Careers/job/Denver-CO/Senior-Data-Engineer_R-20417`);
  const detail = JSON.parse((await h.ports.blobs.get(one.blobKey))!.toString());
  assert.equal(detail.jobPostingInfo.jobReqId, 'R-20417', 'the blob holds the detail as served');
  const event = finished('wd-1');
  assert.equal(event.status, 'complete');
  assert.equal(event.coverage.reportedTotal, expected.length);
});

test('Workday: a board over the 2,000 cap is split by facets until each slice is under it; every posting is read once', async () => {
  assert.equal((await h.run(workdayRequest('wd-2', [SPLITTABLE]))).kind, 'ack');
  const expected = servedOn(SPLITTABLE).map((posting) => posting.externalId);
  const got = scraped('wd-2').map((event) => event.externalId);
  assert.equal(got.length, 2050);
  assert.equal(new Set(got).size, got.length, 'no posting fetched twice');
  assert.deepEqual(got.sort(), expected.sort());
  const bodies = searchesOf('/wday/cxs/bigco/Careers/jobs');
  assert.ok(bodies.every((request) => request.status === 200));
  const event = finished('wd-2');
  assert.equal(event.status, 'complete');
  assert.equal(event.coverage.capped, false);
  assert.equal(event.coverage.reportedTotal, 2050);
});

test('Workday: a board over the cap that no facet splits is read to the cap and reported capped (partial)', async () => {
  assert.equal((await h.run(workdayRequest('wd-3', [UNSPLITTABLE]))).kind, 'ack');
  const got = scraped('wd-3').map((event) => event.externalId);
  assert.equal(got.length, 2000, 'the first 2,000 results, none twice');
  assert.equal(new Set(got).size, 2000);
  const event = finished('wd-3');
  assert.equal(event.coverage.reportedTotal, 2010);
  assert.equal(event.coverage.capped, true);
  assert.equal(event.status, 'partial');
});

test('Workday: a 429 with Retry-After is waited out and the search goes on', async () => {
  const before = h.replay.requests.length;
  h.replay.faults.inject('/wday/cxs/summit/Careers/jobs', 'throttle', 1);
  assert.equal((await h.run(workdayRequest('wd-4', ['summit.wd5/Careers']))).kind, 'ack');
  const searches = h.replay.requests.slice(before).filter((request) => request.path.startsWith('/wday/cxs/summit/Careers/jobs'));
  assert.equal(searches[0]!.status, 429);
  assert.equal(searches[1]!.status, 200);
  assert.ok(searches[1]!.at - searches[0]!.at >= h.replay.faults.retryAfterSeconds * 1000 - 50, 'waited as long as Retry-After said');
});

test('Workday: a board name not of the form tenant.wdN/site, or a site Workday does not know, fails that board only', async () => {
  const outcome = await h.run(workdayRequest('wd-5', ['../etc/passwd', 'nosuch.wd1/Careers', 'summit.wd5/Careers']));
  assert.notEqual(outcome.kind, 'dead-letter');
  const boards = finished('wd-5').boards ?? [];
  assert.equal(boards.find((entry) => entry.board === '../etc/passwd')?.status, 'failed');
  assert.equal(boards.find((entry) => entry.board === 'nosuch.wd1/Careers')?.status, 'failed');
  assert.equal(boards.find((entry) => entry.board === 'summit.wd5/Careers')?.status, 'complete');
  assert.ok(!h.replay.requests.some((request) => request.path.includes('passwd')), 'the bad name never reaches the network');
});
