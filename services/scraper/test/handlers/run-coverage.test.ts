import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BusEvent, EventDataMap, RunItem } from '@jobpipe/contracts';
import { scraperHarness } from '../support/harness.js';

type Harness = Awaited<ReturnType<typeof scraperHarness>>;
let h: Harness;

before(async () => {
  h = await scraperHarness(
    { postings: 40, includeRecordings: false },
    { env: { JOBPIPE_SCRAPER_MCF_POLICY: '{"pageSize":3}', JOBPIPE_SCRAPER_USAJOBS_POLICY: '{"pageSize":3}' } },
  );
});
after(() => h.close());

/** The scrape.finished event of one search's run. */
function finished(searchId: string, runId: string): EventDataMap['scrape.finished'] {
  const events = h.ports.bus
    .publishedEvents('scrape.finished')
    .map((entry) => (JSON.parse(entry.body) as BusEvent<'scrape.finished'>).detail.data)
    .filter((data) => data.searchId === searchId && data.runId === runId);
  assert.ok(events.length > 0, `scrape.finished of ${searchId}/${runId} was published`);
  return events.at(-1)!;
}

const postingsOf = (source: string) => h.replay.postings.filter((posting) => posting.source === source).length;

test('a search read to its end is complete: the source total, listed and fetched all agree, in the event and the run record', async () => {
  assert.equal((await h.run(h.request('mcf', 'cov-1'))).kind, 'ack');
  const event = finished('replay-mcf', 'cov-1');
  const total = postingsOf('mcf');
  assert.equal(event.status, 'complete');
  assert.deepEqual(
    { reportedTotal: event.coverage.reportedTotal, listed: event.coverage.listed, fetched: event.coverage.fetched },
    { reportedTotal: total, listed: total, fetched: total },
  );
  assert.equal(event.coverage.truncated, false);
  const record = (await h.ports.tables.get('scrapeState', { key: 'run#replay-mcf#cov-1' })) as RunItem | undefined;
  assert.equal(record?.status, 'complete');
  assert.equal(record?.coverage?.listed, total);
});

test('a search cut off at maxPages while the source has more pages is a truncated, partial read', async () => {
  const request = { ...h.request('usajobs', 'cov-2'), maxPages: 1 };
  assert.equal((await h.run(request)).kind, 'ack');
  const event = finished('replay-usajobs', 'cov-2');
  assert.equal(event.status, 'partial');
  assert.equal(event.coverage.truncated, true);
  assert.equal(event.coverage.listed, 3);
  assert.equal(event.coverage.reportedTotal, postingsOf('usajobs'));
  assert.equal(event.coverage.capped, false, 'truncation is ours, not the source cap');
});

test('a listing page lost after retries makes the read partial (pagesFailed), and the run is retried', async () => {
  h.replay.faults.inject('/v2/search?limit=3&page=1', 'error', 50);
  const outcome = await h.run(h.request('mcf', 'cov-3'));
  h.replay.faults.clear();
  assert.equal(outcome.kind, 'retry');
  const event = finished('replay-mcf', 'cov-3');
  assert.equal(event.status, 'partial');
  assert.equal(event.coverage.pagesFailed, 1);
  assert.equal(event.coverage.listed, 3, 'the first page was read');
  assert.equal(event.coverage.truncated, false);
  assert.equal(event.coverage.capped, false);
});

test('each board is covered on its own: a board that cannot be read failed, and the read is partial', async () => {
  const request = h.request('greenhouse', 'cov-4');
  const boards = [...(request.boards ?? []), 'no-such-board'];
  assert.equal((await h.run({ ...request, boards })).kind, 'ack');
  const event = finished('replay-greenhouse', 'cov-4');
  assert.equal(event.status, 'partial');
  const byBoard = new Map(event.boards?.map((board) => [board.board, board]));
  assert.equal(byBoard.get('no-such-board')?.status, 'failed');
  for (const board of request.boards ?? []) assert.equal(byBoard.get(board)?.status, 'complete', board);
  assert.equal(
    event.boards?.reduce((sum, board) => sum + board.listed, 0),
    postingsOf('greenhouse'),
  );
});

test('a board that had postings and now lists none raises the drift alarm, named in the event', async () => {
  assert.equal((await h.run(h.request('lever', 'cov-5'))).kind, 'ack');
  assert.equal(finished('replay-lever', 'cov-5').drift, false);
  h.replay.setEmpty('lever', true);
  assert.equal((await h.run(h.request('lever', 'cov-6'))).kind, 'ack');
  h.replay.setEmpty('lever', false);
  const event = finished('replay-lever', 'cov-6');
  assert.equal(event.drift, true);
  assert.ok(event.boards?.length && event.boards.every((board) => board.drift && board.listed === 0));
  assert.equal(event.previousListed, postingsOf('lever'));
  const metrics = await h.scraper.metrics.registry.getSingleMetricAsString('jobpipe_scraper_source_drift_total');
  assert.match(metrics, /source="lever",search_id="replay-lever"\} 1/);
});

test('coverage is in the metrics: runs by status, what each search listed, the source total, cut-short reads', async () => {
  const registry = h.scraper.metrics.registry;
  assert.match(await registry.getSingleMetricAsString('jobpipe_scraper_runs_total'), /source="usajobs",status="partial"\} 1/);
  assert.match(await registry.getSingleMetricAsString('jobpipe_scraper_search_listed'), /source="mcf",search_id="replay-mcf"\} \d+/);
  assert.match(
    await registry.getSingleMetricAsString('jobpipe_scraper_search_reported_total'),
    new RegExp(`source="usajobs",search_id="replay-usajobs"\\} ${postingsOf('usajobs')}`),
  );
  assert.match(await registry.getSingleMetricAsString('jobpipe_scraper_runs_cut_short_total'), /source="usajobs",reason="truncated"\} 1/);
  assert.match(await registry.getSingleMetricAsString('jobpipe_scraper_pages_failed_total'), /source="mcf"\} 1/);
});

test('a run keeps the ids it listed, lists answered 304 included, where scrape.finished points', async () => {
  const ids = h.replay.postings.filter((posting) => posting.source === 'greenhouse').map((posting) => posting.externalId);
  for (const runId of ['seen-1', 'seen-2']) {
    assert.equal((await h.run(h.request('greenhouse', runId))).kind, 'ack');
    const event = finished('replay-greenhouse', runId);
    assert.ok(event.seenBlobKey, 'the event names the blob');
    const listed = JSON.parse((await h.ports.blobs.get(event.seenBlobKey))!.toString('utf8')) as string[];
    assert.deepEqual([...listed].sort(), [...ids].sort(), runId);
  }
  assert.ok(finished('replay-greenhouse', 'seen-2').coverage.notModified > 0, 'the second run was answered 304');
});
