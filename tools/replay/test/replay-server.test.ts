import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SCRAPE_SOURCES } from '@jobpipe/contracts';
import { RECORDINGS_DIR } from '../src/recordings.js';
import { startReplayServer } from '../src/server.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are inspected field by field
type Json = any;
const getJson = (url: string, init?: RequestInit): Promise<Json> => fetch(url, init).then((response) => response.json());

test('the generator is deterministic per seed and spreads postings and broken ones over every source', async () => {
  // Ten postings, one of them broken, for every source.
  const postings = 10 * SCRAPE_SOURCES.length;
  const a = await startReplayServer({ postings, broken: SCRAPE_SOURCES.length, includeRecordings: false, seed: 3 });
  const b = await startReplayServer({ postings, broken: SCRAPE_SOURCES.length, includeRecordings: false, seed: 3 });
  try {
    const ids = (server: typeof a) => server.postings.filter((posting) => posting.source !== 'jsonld').map((posting) => posting.externalId);
    assert.deepEqual(ids(a), ids(b));
    assert.equal(a.postings.length, postings);
    for (const source of SCRAPE_SOURCES) {
      const ofSource = a.postings.filter((posting) => posting.source === source);
      assert.equal(ofSource.length, 10, source);
      assert.equal(ofSource.filter((posting) => posting.broken).length, 1, `${source} has one broken posting`);
    }
    assert.equal(new Set(a.postings.map((posting) => `${posting.source}:${posting.externalId}`)).size, postings, 'ids are unique');
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('recordings are served verbatim at the real paths, broken postings are broken the way the parser must see', async () => {
  const replay = await startReplayServer({ postings: 10, broken: 5 });
  try {
    const detail = await getJson(`${replay.origin}/v2/jobs/c50222fb764dbabbff2d5160d8d3a0ea`);
    assert.equal(detail.title, 'Software Engineer');
    const board = await getJson(`${replay.origin}/v1/boards/vercel/jobs?content=true`);
    assert.equal(board.jobs[0].title, 'Account Executive, Commercial');
    const one = await getJson(`${replay.origin}/v1/boards/vercel/jobs/6136160004`);
    assert.equal(one.id, 6136160004);
    const lever = await getJson(`${replay.origin}/v0/postings/northwind?mode=json`);
    assert.equal(lever[0].text, 'Senior Data Engineer');
    const brokenMcf = replay.postings.find((posting) => posting.source === 'mcf' && posting.broken)!;
    const brokenDetail = await getJson(`${replay.origin}/v2/jobs/${brokenMcf.externalId}`);
    assert.equal(brokenDetail.title, undefined);
    assert.ok(brokenDetail.description);
    const brokenPage = replay.postings.find((posting) => posting.source === 'jsonld' && posting.broken)!;
    const html = await fetch(`${replay.origin}${brokenPage.path}`).then((response) => response.text());
    assert.match(html, /application\/ld\+json/);
    assert.doesNotMatch(html, /JobPosting/);
    const unauthorized = await fetch(`${replay.origin}/api/search?Keyword=x`);
    assert.equal(unauthorized.status, 401, 'USAJOBS wants its keyed headers');
  } finally {
    await replay.close();
  }
});

test('USAJOBS paging follows Page and ResultsPerPage and reports NumberOfPages', async () => {
  // Five postings for every source: USAJOBS serves five.
  const replay = await startReplayServer({ postings: 5 * SCRAPE_SOURCES.length, includeRecordings: false });
  try {
    const headers = { 'Authorization-Key': 'replay-key', 'User-Agent': 'me@example.com' };
    const page = async (n: number) => getJson(`${replay.origin}/api/search?ResultsPerPage=2&Page=${n}`, { headers });
    const first = await page(1);
    assert.equal(first.SearchResult.UserArea.NumberOfPages, '3');
    assert.equal(first.SearchResult.SearchResultCountAll, 5);
    assert.equal(first.SearchResult.SearchResultItems.length, 2);
    assert.equal((await page(3)).SearchResult.SearchResultItems.length, 1);
  } finally {
    await replay.close();
  }
});

test('random faults hit the configured share of requests with the configured kinds', async () => {
  const replay = await startReplayServer({ postings: 5, faults: { rate: 0.5, kinds: ['error'], seed: 11 } });
  try {
    const statuses = [];
    for (let i = 0; i < 40; i++) statuses.push((await fetch(`${replay.origin}/v2/jobs/c50222fb764dbabbff2d5160d8d3a0ea`)).status);
    const errors = statuses.filter((status) => status === 500).length;
    assert.ok(errors > 5 && errors < 35, `about half failed (${errors}/40)`);
    assert.ok(statuses.every((status) => status === 500 || status === 200));
  } finally {
    await replay.close();
  }
});

test('postings are dated relative to the day served: recent, closing mostly ahead, the same board on any day but shifted', async () => {
  const DAY = 86_400_000;
  const today = new Date('2027-03-10T00:00:00Z');
  const headers = { 'Authorization-Key': 'replay-key', 'User-Agent': 'me@example.com' };
  const usajobsOn = async (day: Date) => {
    const replay = await startReplayServer({ postings: 280, seed: 5, today: day });
    try {
      return (await getJson(`${replay.origin}/api/search?ResultsPerPage=500`, { headers })).SearchResult.SearchResultItems.map(
        (item: Json) => item.MatchedObjectDescriptor,
      );
    } finally {
      await replay.close();
    }
  };
  const items = await usajobsOn(today);
  const recorded = items.slice(0, 2);
  const generated = items.slice(2);
  // The recording (taken 2016-05-04) is served as if taken today: same age and the same days to its close.
  assert.equal(recorded[0].PublicationStartDate, '2027-03-09T00:00:00Z');
  assert.ok(recorded.every((item: Json) => Date.parse(item.ApplicationCloseDate) > today.getTime()));
  const posted = generated.map((item: Json) => Date.parse(item.PublicationStartDate));
  assert.ok(
    posted.every((at: number) => at <= today.getTime() && at >= today.getTime() - 60 * DAY),
    'posted in the last 60 days',
  );
  const closed = generated.filter((item: Json) => Date.parse(item.ApplicationCloseDate) < today.getTime()).length;
  assert.ok(closed > 0 && closed <= generated.length * 0.15, `a few already past their closing date (${closed}/${generated.length})`);
  // Another day: the same postings, every date moved by the days between.
  const later = await usajobsOn(new Date('2027-03-17T15:30:00Z'));
  assert.deepEqual(
    later.map((item: Json) => [
      item.PositionTitle,
      Date.parse(item.PublicationStartDate) - 7 * DAY,
      Date.parse(item.ApplicationCloseDate) - 7 * DAY,
    ]),
    items.map((item: Json) => [item.PositionTitle, Date.parse(item.PublicationStartDate), Date.parse(item.ApplicationCloseDate)]),
  );
});

test('recorded dates of every format move with the day served (ISO dates with their times kept, epoch milliseconds)', async () => {
  const replay = await startReplayServer({ postings: 0, today: new Date('2026-10-18T12:00:00Z') });
  try {
    const mcf = await getJson(`${replay.origin}/v2/jobs/c50222fb764dbabbff2d5160d8d3a0ea`);
    // recorded 2026-07-17, served 93 days later
    assert.equal(mcf.metadata.createdAt, '2026-10-15T02:46:01');
    assert.equal(mcf.metadata.expiryDate, '2026-11-14');
    const lever = await getJson(`${replay.origin}/v0/postings/larkspur-logistics?mode=json`);
    // recorded 2025-10-08, created 2025-10-01: served 375 days later
    assert.equal(new Date(lever[0].createdAt).toISOString(), '2026-10-11T08:00:00.000Z');
  } finally {
    await replay.close();
  }
});

test('every source with recordings names the day they were taken, so they are served as taken today', () => {
  const recordedOn = JSON.parse(readFileSync(join(RECORDINGS_DIR, 'recorded-on.json'), 'utf8')) as Record<string, string>;
  for (const source of SCRAPE_SOURCES) {
    if (!existsSync(join(RECORDINGS_DIR, source))) continue;
    assert.match(
      recordedOn[source] ?? '',
      /^\d{4}-\d{2}-\d{2}$/,
      `tools/replay/recordings/recorded-on.json names the day of ${source}'s recordings`,
    );
  }
});
