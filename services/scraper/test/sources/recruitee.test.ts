import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { companyOrigin } from '../../src/sources/company-origin.js';
import { scraperHarness } from '../support/harness.js';

type Harness = Awaited<ReturnType<typeof scraperHarness>>;
let h: Harness;

before(async () => {
  h = await scraperHarness({ postings: 220, broken: 0 });
});
after(() => h.close());

const RECORDED = 'tidewater-analytics';
const sorted = (values: readonly string[]) => [...values].sort();

test("Recruitee: live, a company's careers site is its own subdomain; another base URL serves every company under its path", () => {
  assert.equal(companyOrigin('https://recruitee.com', 'recruitee.com', 'acme'), 'https://acme.recruitee.com');
  assert.equal(companyOrigin('http://127.0.0.1:4010/', 'recruitee.com', 'acme'), 'http://127.0.0.1:4010/acme');
  assert.ok(h.config.allowedHosts.recruitee.length > 0);
});

test('Recruitee: one request per company reads every offer (no paging); each offer one blob at its own address', async () => {
  const before = h.replay.requests.length;
  assert.equal((await h.run(h.request('recruitee', 'rc-1'))).kind, 'ack');
  const events = h.scrapedOf('recruitee', 'rc-1');
  assert.deepEqual(sorted(events.map((event) => event.externalId)), sorted(h.served('recruitee')));
  const companies = h.replay.boards.recruitee!;
  const lists = h.replay.requests.slice(before).filter((request) => request.path.endsWith('/api/offers/'));
  assert.deepEqual(sorted(lists.map((request) => request.path)), sorted(companies.map((company) => `/${company}/api/offers/`)));
  const one = events.find((event) => event.externalId === '1873402')!;
  assert.equal(one.url, `${h.replay.origin}/${RECORDED}/api/offers/analytics-engineer-rotterdam`);
  assert.equal(JSON.parse((await h.ports.blobs.get(one.blobKey))!.toString()).slug, 'analytics-engineer-rotterdam');
  assert.equal(h.finished('rc-1')!.status, 'complete');
});

test('Recruitee: the next run gets 304 and downloads nothing', async () => {
  assert.equal((await h.run({ ...h.request('recruitee', 'rc-2'), boards: [RECORDED] })).kind, 'ack');
  assert.equal(h.scrapedOf('recruitee', 'rc-2').length, 0);
  assert.equal(h.finished('rc-2')!.coverage.fetched, 3);
});

test('Recruitee: a 429 with Retry-After is waited out', async () => {
  const company = h.replay.boards.recruitee!.find((name) => name !== RECORDED)!;
  const path = `/${company}/api/offers/`;
  const before = h.replay.requests.length;
  h.replay.faults.inject(path, 'throttle', 1);
  assert.equal((await h.run({ ...h.request('recruitee', 'rc-3'), boards: [company] })).kind, 'ack');
  const lists = h.replay.requests.slice(before).filter((request) => request.path === path);
  assert.deepEqual(
    lists.map((request) => (request.status === 304 ? 200 : request.status)),
    [429, 200],
  );
  assert.ok(lists[1]!.at - lists[0]!.at >= h.replay.faults.retryAfterSeconds * 1000 - 50, 'waited as long as Retry-After said');
  assert.equal(h.finished('rc-3')!.status, 'complete');
});

test('Recruitee: an unknown company (404) and a name that is no subdomain fail their boards; the others are read', async () => {
  assert.equal(
    (await h.run({ ...h.request('recruitee', 'rc-4'), boards: ['no-such-company', 'evil.example.com/x', RECORDED] })).kind,
    'ack',
  );
  const boards = h.finished('rc-4')!.boards ?? [];
  assert.equal(boards.find((entry) => entry.board === 'no-such-company')?.status, 'failed');
  assert.equal(boards.find((entry) => entry.board === 'evil.example.com/x')?.status, 'failed');
  assert.equal(boards.find((entry) => entry.board === RECORDED)?.status, 'complete');
  assert.ok(!h.replay.requests.some((request) => request.path.includes('evil')), 'nothing was asked for the bad name');
});

test('Recruitee: a careers site bigger than the body cap fails its board without being read whole', async () => {
  const capped = await scraperHarness({ postings: 0 }, { env: { JOBPIPE_SCRAPER_RECRUITEE_POLICY: '{"maxBodyBytes":2048,"retries":0}' } });
  try {
    assert.equal((await capped.run({ ...capped.request('recruitee', 'rc-5'), boards: [RECORDED] })).kind, 'ack');
    assert.equal(capped.scrapedOf('recruitee', 'rc-5').length, 0);
    assert.equal(capped.finished('rc-5')!.boards?.[0]?.status, 'failed');
  } finally {
    await capped.close();
  }
});
