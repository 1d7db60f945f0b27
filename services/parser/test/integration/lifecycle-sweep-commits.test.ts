import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { ItemStore, ItemWrite } from '@jobpipe/shared';
import { fixtureJson } from '../fixtures.js';
import { parserStack } from './harness.js';

/** The jobs-table transactions the parser has asked for and not yet seen committed, and the most at once. */
const inFlight = { now: 0, most: 0, watching: false };

function watchingJobWrites(store: ItemStore): ItemStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'transact') return Reflect.get(target, property, receiver);
      return async (writes: readonly ItemWrite[]) => {
        const counted = inFlight.watching && writes.some((write) => write.table === 'jobs');
        if (counted) inFlight.most = Math.max(inFlight.most, ++inFlight.now);
        try {
          return await target.transact(writes);
        } finally {
          if (counted) inFlight.now--;
        }
      };
    },
  });
}

const stack = parserStack(watchingJobWrites);
after(() => stack.close());

test('a lifecycle sweep asks for its jobs’ commits together, so they can share one transaction', async () => {
  // Three jobs no two of which could be the same job (their titles and descriptions differ).
  const [model] = fixtureJson<{ jobs: { id: number; title: string; content: string }[] }>('greenhouse/board-jobs-content.json').jobs;
  const teams = ['Payments', 'Search', 'Storage'];
  const postings = teams.map((team, i) => ({
    ...model!,
    id: 7100 + i,
    title: `${team} Platform Engineer`,
    content: `${model!.content}&lt;p&gt;You join the ${team} team.&lt;/p&gt;`,
  }));
  for (const posting of postings) {
    const url = `https://boards-api.greenhouse.io/v1/boards/acme/jobs/${posting.id}`;
    await stack.scrape('greenhouse', String(posting.id), JSON.stringify(posting), url);
  }
  await stack.drain();
  const listed = postings.map((posting) => String(posting.id));
  const seenBlobKey = 'runs/greenhouse/boards/run-1.json';
  await stack.scraper.blobs.put(seenBlobKey, Buffer.from(JSON.stringify(listed)), 'application/json');
  const finishedAt = '2026-07-21T09:00:00.000Z';
  const coverage = { listed: listed.length, fetched: listed.length, published: 0, unchanged: listed.length, notModified: 0 };
  const data = {
    searchId: 'boards',
    source: 'greenhouse' as const,
    runId: 'run-1',
    status: 'complete' as const,
    coverage: { ...coverage, postingsFailed: 0, pagesFailed: 0, capped: false, truncated: false },
    drift: false,
    seenBlobKey,
    startedAt: finishedAt,
    finishedAt,
    durationMs: 0,
  };
  inFlight.watching = true;
  await stack.scraper.publisher.publish([{ detailType: 'scrape.finished', data }]);
  await stack.drain();
  inFlight.watching = false;

  const jobs = await stack.jobs();
  assert.equal(jobs.length, postings.length);
  for (const job of jobs) assert.equal(job.reads?.boards?.lastRunId, 'run-1', `${job.jobId}: the run's sighting is stored`);
  assert.equal(inFlight.most, postings.length, 'every job of the sweep was being committed at once');
});
