import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type BusEvent, type EventDataMap, SCRAPE_SOURCES } from '@jobpipe/contracts';
import { scraperHarness } from '../support/harness.js';

type Harness = Awaited<ReturnType<typeof scraperHarness>>;
let h: Harness;

before(async () => {
  // Twenty generated postings a source: one company of more than four pages.
  h = await scraperHarness(
    { postings: 20 * SCRAPE_SOURCES.length, broken: 0 },
    { env: { JOBPIPE_SCRAPER_SMARTRECRUITERS_POLICY: '{"pageSize":4}' } },
  );
});
after(() => h.close());

const finished = (runId: string): EventDataMap['scrape.finished'] =>
  h.ports.bus
    .publishedEvents('scrape.finished')
    .map((entry) => (JSON.parse(entry.body) as BusEvent<'scrape.finished'>).detail.data)
    .filter((data) => data.runId === runId)
    .at(-1)!;
const scraped = (runId: string) => h.scraped().filter((event) => event.source === 'smartrecruiters' && event.runId === runId);
const served = () => h.replay.postings.filter((posting) => posting.source === 'smartrecruiters').map((posting) => posting.externalId);

test('SmartRecruiters: pages each company by limit/offset up to totalFound, fetches every detail, reports the total', async () => {
  const before = h.replay.requests.length;
  assert.equal((await h.run(h.request('smartrecruiters', 'sr-1'))).kind, 'ack');
  assert.deepEqual(
    scraped('sr-1')
      .map((event) => event.externalId)
      .sort(),
    served().sort(),
  );
  const lists = h.replay.requests.slice(before).filter((request) => /\/v1\/companies\/[^/]+\/postings\?/.test(request.path));
  const harborview = lists.filter((request) => request.path.startsWith('/v1/companies/HarborviewClinics/postings?'));
  assert.deepEqual(
    harborview.map((request) => request.path),
    ['/v1/companies/HarborviewClinics/postings?limit=4&offset=0'],
    'two postings: one page',
  );
  assert.ok(
    lists.some((request) => request.path.endsWith('limit=4&offset=16')),
    'a bigger company is read past its first pages',
  );
  const one = scraped('sr-1').find((event) => event.externalId === '744000091234501')!;
  assert.equal(one.url, `${h.replay.origin}/v1/companies/HarborviewClinics/postings/744000091234501`);
  assert.ok(JSON.parse((await h.ports.blobs.get(one.blobKey))!.toString()).jobAd, 'the blob is the detail with its ad');
  const event = finished('sr-1');
  assert.equal(event.status, 'complete');
  assert.equal(event.coverage.reportedTotal, served().length);
});

test('SmartRecruiters: a 429 with Retry-After is waited out; maxPages stops a company early and the read is truncated', async () => {
  const company = h.replay.boards.smartrecruiters!.find((board) => board !== 'HarborviewClinics')!;
  const before = h.replay.requests.length;
  h.replay.faults.inject(`/v1/companies/${company}/postings?limit=4&offset=0`, 'throttle', 1);
  const outcome = await h.run({ ...h.request('smartrecruiters', 'sr-2'), boards: [company], maxPages: 1 });
  assert.equal(outcome.kind, 'ack');
  const lists = h.replay.requests.slice(before).filter((request) => request.path.startsWith(`/v1/companies/${company}/postings?`));
  assert.deepEqual(
    lists.map((request) => request.status),
    [429, 200],
  );
  assert.ok(lists[1]!.at - lists[0]!.at >= h.replay.faults.retryAfterSeconds * 1000 - 50, 'waited as long as Retry-After said');
  const event = finished('sr-2');
  assert.equal(event.coverage.truncated, true);
  assert.equal(event.status, 'partial');
});

test('SmartRecruiters: an unknown company lists nothing (SmartRecruiters answers an empty page), a bad identifier fails its board', async () => {
  assert.equal((await h.run({ ...h.request('smartrecruiters', 'sr-3'), boards: ['NoSuchCompany', 'bad/../name'] })).kind, 'ack');
  const boards = finished('sr-3').boards ?? [];
  assert.deepEqual(
    boards.find((entry) => entry.board === 'NoSuchCompany'),
    { board: 'NoSuchCompany', status: 'complete', listed: 0, drift: false },
  );
  assert.equal(boards.find((entry) => entry.board === 'bad/../name')?.status, 'failed');
});
