import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { EventDataMap } from '@jobpipe/contracts';
import { fixtureJson } from '../fixtures.js';
import { parserStack } from './harness.js';

const stack = parserStack();
after(() => stack.close());

const greenhouse = fixtureJson<{ jobs: { id: number }[] }>('greenhouse/board-jobs-content.json').jobs;
const usajobs = fixtureJson<{ SearchResult: { SearchResultItems: { MatchedObjectId: string }[] } }>('usajobs/search-2items.json')
  .SearchResult.SearchResultItems;
const [kept, dropped] = greenhouse.map((job) => String(job.id)) as [string, string];

let day = 0;
/** Publishes a scrape.finished as the scraper does: the ids it listed in a blob, the event naming it. */
async function finishRun(
  source: 'greenhouse' | 'usajobs',
  status: EventDataMap['scrape.finished']['status'],
  listed: readonly string[],
): Promise<string> {
  day++;
  const runId = `run-${day}`;
  const seenBlobKey = `runs/${source}/boards/${runId}.json`;
  await stack.scraper.blobs.put(seenBlobKey, Buffer.from(JSON.stringify(listed)), 'application/json');
  const finishedAt = `2026-07-${String(20 + day).padStart(2, '0')}T09:00:00.000Z`;
  const coverage = {
    listed: listed.length,
    fetched: listed.length,
    published: 0,
    unchanged: listed.length,
    notModified: 0,
    postingsFailed: status === 'complete' ? 0 : 1,
    pagesFailed: 0,
    capped: false,
    truncated: false,
  };
  const data = {
    searchId: 'boards',
    source,
    runId,
    status,
    coverage,
    drift: false,
    seenBlobKey,
    startedAt: finishedAt,
    finishedAt,
    durationMs: 0,
  };
  await stack.scraper.publisher.publish([{ detailType: 'scrape.finished', data }]);
  await stack.drain();
  return runId;
}

const job = async (jobId: string) => (await stack.jobs()).find((item) => item.jobId === jobId)!;
const published = <T extends 'job.closed' | 'job.reopened'>(type: T) =>
  stack.parser.bus.publishedEvents(type).map((entry) => JSON.parse(entry.body).detail.data as EventDataMap[T]);

before(async () => {
  for (const posting of greenhouse) {
    await stack.scrape(
      'greenhouse',
      String(posting.id),
      JSON.stringify(posting),
      `https://boards-api.greenhouse.io/v1/boards/acme/jobs/${posting.id}`,
    );
  }
  await stack.drain();
});

test('a job missing from two complete reads closes with job.closed; a partial read closes nothing; seen again it reopens', async () => {
  await finishRun('greenhouse', 'complete', [kept, dropped]);
  const miss1 = await finishRun('greenhouse', 'complete', [kept]);
  assert.equal((await job(`greenhouse:${dropped}`)).closedAt, undefined, 'one complete miss is not enough');
  await finishRun('greenhouse', 'partial', []);
  assert.equal((await job(`greenhouse:${kept}`)).closedAt, undefined, 'a partial read closes nothing');
  const miss2 = await finishRun('greenhouse', 'complete', [kept]);
  const closed = await job(`greenhouse:${dropped}`);
  assert.equal(closed.closeReason, 'missing-from-complete-reads');
  assert.deepEqual(
    published('job.closed').map((event) => [event.jobId, event.closeReason, event.evidence?.runIds]),
    [[`greenhouse:${dropped}`, 'missing-from-complete-reads', [miss1, miss2]]],
  );
  assert.equal((await job(`greenhouse:${kept}`)).closedAt, undefined);

  const back = await finishRun('greenhouse', 'complete', [kept, dropped]);
  const reopened = await job(`greenhouse:${dropped}`);
  assert.equal(reopened.closedAt, undefined);
  assert.equal(reopened.closeReason, undefined);
  assert.deepEqual(
    published('job.reopened').map((event) => [event.jobId, event.previousCloseReason, event.runId]),
    [[`greenhouse:${dropped}`, 'missing-from-complete-reads', back]],
  );
  assert.equal(reopened.firstSeenAt, closed.firstSeenAt, 'age still counts from the first sighting');
});

test('a run that cannot say what it listed closes nothing as missing', async () => {
  day++;
  const at = `2026-07-${String(20 + day).padStart(2, '0')}T09:00:00.000Z`;
  const coverage = {
    listed: 0,
    fetched: 0,
    published: 0,
    unchanged: 0,
    notModified: 0,
    postingsFailed: 0,
    pagesFailed: 0,
    capped: false,
    truncated: false,
  };
  for (const runId of ['no-list-1', 'no-list-2']) {
    const data = {
      searchId: 'boards',
      source: 'greenhouse' as const,
      runId,
      status: 'complete' as const,
      coverage,
      drift: false,
      startedAt: at,
      finishedAt: at,
      durationMs: 0,
    };
    await stack.scraper.publisher.publish([{ detailType: 'scrape.finished', data }]);
  }
  await stack.drain();
  assert.equal((await job(`greenhouse:${kept}`)).closedAt, undefined);
});

test("jobs past their source's closing date close as expired at the next run of their source", async () => {
  for (const item of usajobs) {
    await stack.scrape(
      'usajobs',
      item.MatchedObjectId,
      JSON.stringify(item),
      `https://data.usajobs.gov/api/search#${item.MatchedObjectId}`,
    );
  }
  await stack.drain();
  await finishRun(
    'usajobs',
    'partial',
    usajobs.map((item) => item.MatchedObjectId),
  );
  for (const item of usajobs) {
    const expired = await job(`usajobs:${item.MatchedObjectId}`);
    assert.equal(expired.closeReason, 'expired', item.MatchedObjectId);
  }
  assert.deepEqual(
    published('job.closed')
      .filter((event) => event.closeReason === 'expired')
      .map((event) => event.jobId)
      .sort(),
    usajobs.map((item) => `usajobs:${item.MatchedObjectId}`).sort(),
  );
});
