import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { EventDataMap } from '@jobpipe/contracts';
import { standaloneHandlerContext } from '@jobpipe/shared';
import { busEvent } from '@jobpipe/test-kit';
import { startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi();
});
after(() => api.close());

/** A scrape.finished of one run; override any field. */
function finishedRun(overrides: Partial<EventDataMap['scrape.finished']>): EventDataMap['scrape.finished'] {
  return {
    searchId: 'sg-data',
    source: 'mcf',
    runId: 'run-1',
    status: 'complete',
    coverage: {
      reportedTotal: 40,
      listed: 40,
      fetched: 40,
      published: 40,
      unchanged: 0,
      notModified: 0,
      postingsFailed: 0,
      pagesFailed: 0,
      capped: false,
      truncated: false,
    },
    drift: false,
    startedAt: '2026-03-01T08:00:00.000Z',
    finishedAt: '2026-03-01T08:01:00.000Z',
    durationMs: 60_000,
    ...overrides,
  };
}

async function deliver(data: EventDataMap['scrape.finished']): Promise<void> {
  const event = busEvent('scrape.finished', data, 'scraper');
  await api.handlers['scrape.finished@1'](
    event,
    standaloneHandlerContext((events) => api.ports.publisher.publish(events)),
  );
}

async function runs(query = ''): Promise<EventDataMap['scrape.finished'][]> {
  const response = await api.app.inject({ method: 'GET', url: `/sources/runs${query}`, headers: api.auth });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().items;
}

test('GET /sources/runs lists each run with its coverage, newest first, per search or over all', async () => {
  await deliver(finishedRun({}));
  await deliver(
    finishedRun({
      searchId: 'boards',
      source: 'greenhouse',
      runId: 'run-2',
      status: 'partial',
      coverage: { ...finishedRun({}).coverage, reportedTotal: undefined, listed: 12, fetched: 12, published: 12 },
      boards: [
        { board: 'northwind', status: 'complete', listed: 12, drift: false },
        { board: 'contoso', status: 'complete', listed: 0, drift: true },
      ],
      drift: true,
      previousListed: 19,
      finishedAt: '2026-03-01T09:00:00.000Z',
    }),
  );
  const all = await runs();
  assert.deepEqual(
    all.map((run) => [run.searchId, run.status]),
    [
      ['boards', 'partial'],
      ['sg-data', 'complete'],
    ],
  );
  assert.deepEqual(all[0]?.boards?.[1], { board: 'contoso', status: 'complete', listed: 0, drift: true });
  assert.equal(all[0]?.previousListed, 19);
  assert.equal(all[1]?.coverage.reportedTotal, 40);
  assert.deepEqual(
    (await runs('?searchId=sg-data')).map((run) => run.runId),
    ['run-1'],
  );
});

test('a retried run replaces its earlier attempt; an older attempt delivered late changes nothing', async () => {
  const partial = finishedRun({
    runId: 'run-3',
    status: 'partial',
    coverage: { ...finishedRun({}).coverage, pagesFailed: 1, listed: 20 },
    finishedAt: '2026-03-01T10:00:00.000Z',
  });
  const complete = finishedRun({ runId: 'run-3', finishedAt: '2026-03-01T10:05:00.000Z' });
  await deliver(partial);
  await deliver(complete);
  await deliver(partial);
  const forSearch = await runs('?searchId=sg-data');
  assert.deepEqual(
    forSearch.map((run) => [run.runId, run.status]),
    [
      ['run-3', 'complete'],
      ['run-1', 'complete'],
    ],
  );
});

test('a bad search id or limit is a 400 that names the field', async () => {
  const badSearch = await api.app.inject({ method: 'GET', url: '/sources/runs?searchId=Not%20Valid', headers: api.auth });
  assert.equal(badSearch.statusCode, 400);
  assert.match(badSearch.json().message, /searchId/);
  const badLimit = await api.app.inject({ method: 'GET', url: '/sources/runs?limit=0', headers: api.auth });
  assert.equal(badLimit.statusCode, 400);
  assert.match(badLimit.json().message, /limit/);
});
