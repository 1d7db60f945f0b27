import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { EventDataMap } from '@jobpipe/contracts';
import { fixtureJson } from '../fixtures.js';
import { parserStack } from './harness.js';

const stack = parserStack();
after(() => stack.close());

const DAY_MS = 86_400_000;
const [posting] = fixtureJson<{ jobs: Record<string, unknown>[] }>('greenhouse/board-jobs-content.json').jobs as [Record<string, unknown>];

/** Lists the fixture posting again under a new id a day later, as an employer reposting it does. */
async function listAgain(id: string): Promise<void> {
  stack.clock.advance(DAY_MS);
  await stack.scrape(
    'greenhouse',
    id,
    JSON.stringify({ ...posting, id: Number(id) }),
    `https://boards-api.greenhouse.io/v1/boards/acme/jobs/${id}`,
  );
  await stack.drain();
}

/** A complete read of the board listing `listed`, finishing at the clock's time. */
async function finishRun(runId: string, listed: readonly string[]): Promise<void> {
  const seenBlobKey = `runs/greenhouse/boards/${runId}.json`;
  await stack.scraper.blobs.put(seenBlobKey, Buffer.from(JSON.stringify(listed)), 'application/json');
  const finishedAt = stack.clock.now().toISOString();
  const coverage = {
    listed: listed.length,
    fetched: listed.length,
    published: 0,
    unchanged: listed.length,
    notModified: 0,
    postingsFailed: 0,
    pagesFailed: 0,
    capped: false,
    truncated: false,
  };
  const data = {
    searchId: 'boards',
    source: 'greenhouse' as const,
    runId,
    status: 'complete' as const,
    coverage,
    drift: false,
    seenBlobKey,
  };
  await stack.scraper.publisher.publish([
    { detailType: 'scrape.finished', data: { ...data, startedAt: finishedAt, finishedAt, durationMs: 0 } },
  ]);
  await stack.drain();
}

const flagged = () =>
  stack.parser.bus.publishedEvents('job.flagged').map((entry) => JSON.parse(entry.body).detail.data as EventDataMap['job.flagged']);
const flagsOf = async (jobId: string) =>
  ((await stack.jobs()).find((job) => job.jobId === jobId)?.ghostFlags ?? []).map((flag) => flag.kind);

test('the sweep flags a reposting while the first listing is open, then a third listing, and clears what ceased', async () => {
  await listAgain('7001');
  await listAgain('7002');
  await finishRun('run-1', ['7001', '7002']);
  assert.deepEqual(await flagsOf('greenhouse:7001'), []);
  assert.deepEqual(await flagsOf('greenhouse:7002'), ['reposted-while-open']);
  assert.deepEqual(
    flagged().map((event) => [event.jobId, event.flags.map((flag) => flag.kind)]),
    [['greenhouse:7002', ['reposted-while-open']]],
    'one job.flagged, for the job whose flags changed',
  );
  await finishRun('run-1', ['7001', '7002']);
  assert.equal(flagged().length, 1, 'a redelivered run flags nothing twice');

  // The first listing goes (two complete reads without it), and the job is listed a third time.
  stack.clock.advance(DAY_MS);
  await finishRun('run-2', ['7002']);
  await finishRun('run-3', ['7002']);
  await listAgain('7003');
  await finishRun('run-4', ['7002', '7003']);
  assert.equal((await stack.jobs()).find((job) => job.jobId === 'greenhouse:7001')?.closeReason, 'missing-from-complete-reads');
  assert.deepEqual(await flagsOf('greenhouse:7003'), ['relisted-repeatedly', 'reposted-while-open']);
  assert.deepEqual(await flagsOf('greenhouse:7002'), [], 'its earlier listing closed: the flag ceased');
  const last = flagged()
    .filter((event) => event.jobId === 'greenhouse:7002')
    .at(-1)!;
  assert.deepEqual(last.flags, [], 'the cleared set is announced too');
});

test("a job up longer than its source's usual time to close is flagged, counted from its first sighting", async () => {
  stack.clock.advance(61 * DAY_MS);
  await finishRun('run-5', ['7002', '7003']);
  assert.deepEqual(await flagsOf('greenhouse:7002'), ['open-past-usual-close']);
  const [flag] = (await stack.jobs()).find((job) => job.jobId === 'greenhouse:7002')!.ghostFlags!;
  assert.match(flag!.detail, /^up since 2026-07-2\d; more than 60 days$/);
});
