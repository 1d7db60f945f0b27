import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { EventDataMap } from '@jobpipe/contracts';
import { greenhouseJobOf, scoreClosures, simulateBoards } from '@jobpipe/replay';
import { MISSES_TO_CLOSE } from '../../src/domain/lifecycle.js';
import { parserStack } from './harness.js';

const stack = parserStack();
after(() => stack.close());

const DAYS = 30;
const timeline = simulateBoards({
  days: DAYS,
  boards: ['acme', 'globex', 'initech'],
  postingsPerBoard: 40,
  closeChance: 0.04,
  newPerDay: 2,
  relistChance: 0.2,
  partialRunChance: 0.25,
  glitchChance: 0.02,
});

test('30 simulated days of boards: closes match the ground truth, none from a partial read, every relisting linked, one job per posting', async () => {
  const opened = new Set<string>();
  for (let day = 0; day < DAYS; day++) {
    const at = timeline.dayAt(day);
    for (const posting of timeline.postings.values()) {
      if (posting.openedDay !== day || opened.has(posting.externalId)) continue;
      opened.add(posting.externalId);
      const url = `https://boards-api.greenhouse.io/v1/boards/${posting.board}/jobs/${posting.externalId}`;
      await stack.scrape('greenhouse', posting.externalId, JSON.stringify(greenhouseJobOf(timeline, posting)), url, at);
    }
    await stack.drain();
    for (const run of timeline.runs.filter((candidate) => candidate.day === day)) {
      const seenBlobKey = `runs/greenhouse/${run.board}/${run.runId}.json`;
      await stack.scraper.blobs.put(seenBlobKey, Buffer.from(JSON.stringify(run.listed)), 'application/json');
      const coverage = {
        listed: run.listed.length,
        fetched: run.listed.length,
        published: 0,
        unchanged: run.listed.length,
        notModified: 0,
        postingsFailed: 0,
        pagesFailed: run.shortfall === 'page-lost' ? 1 : 0,
        capped: run.shortfall === 'capped',
        truncated: run.shortfall === 'truncated',
      };
      const data = {
        searchId: `board-${run.board}`,
        source: 'greenhouse' as const,
        runId: run.runId,
        status: run.status,
        coverage,
        drift: false,
        seenBlobKey,
        startedAt: run.finishedAt,
        finishedAt: run.finishedAt,
        durationMs: 0,
      };
      await stack.scraper.publisher.publish([{ detailType: 'scrape.finished', data }]);
    }
    await stack.drain();
  }

  assert.deepEqual(await stack.deadLetters(), []);
  const closedEvents = stack.parser.bus
    .publishedEvents('job.closed')
    .map((entry) => JSON.parse(entry.body).detail.data as EventDataMap['job.closed']);
  const runsById = new Map(timeline.runs.map((run) => [run.runId, run]));
  for (const event of closedEvents) {
    assert.equal(event.closeReason, 'missing-from-complete-reads');
    for (const runId of event.evidence?.runIds ?? [])
      assert.equal(runsById.get(runId)?.status, 'complete', `${event.jobId} closed by ${runId}`);
  }
  const closures = closedEvents.map((event) => ({
    externalId: event.jobId.slice('greenhouse:'.length),
    day: runsById.get(event.evidence!.runIds.at(-1)!)!.day,
  }));
  const score = scoreClosures(timeline, closures, MISSES_TO_CLOSE);
  assert.ok(score.closed > 50, `enough closures to judge (${score.closed})`);
  assert.ok(score.precision >= 0.95, `precision ${score.precision} (${score.wronglyClosed} of ${score.closed} wrong)`);
  assert.ok(score.recall >= 0.9, `recall ${score.recall} of ${score.closable}`);

  const jobs = await stack.jobs();
  assert.equal(jobs.length, timeline.postings.size, 'one job per posting, relistings included');
  const byId = new Map(jobs.map((job) => [job.externalId, job]));
  const firstOf = (externalId: string): string => {
    const relistOf = timeline.postings.get(externalId)?.relistOf;
    return relistOf ? firstOf(relistOf) : externalId;
  };
  const relistings = [...timeline.postings.values()].filter((posting) => posting.relistOf !== undefined);
  assert.ok(relistings.length > 10, `enough relistings to judge (${relistings.length})`);
  for (const posting of relistings) {
    const job = byId.get(posting.externalId)!;
    const first = byId.get(firstOf(posting.externalId))!;
    assert.equal(job.relistOf, first.jobId, `${posting.externalId} relists ${first.jobId}`);
    assert.equal(job.firstSeenAt, first.firstSeenAt, 'its age counts from the first sighting');
  }
  assert.equal(jobs.filter((job) => job.relistOf !== undefined).length, relistings.length, 'no posting linked that is not a relisting');
});
