import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCRAPE_SOURCES } from '@jobpipe/contracts';
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
  const replay = await startReplayServer({ postings: 35, includeRecordings: false });
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
