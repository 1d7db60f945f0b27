/**
 * End to end on the embedded stack (every service its own process, as `npm start` runs them): a scrape
 * of the replay source asked for through the API is parsed, scored and listed by `GET /jobs` sorted by
 * score with the reasons on `GET /jobs/{id}`; a stage change made through the API reaches the
 * recommender as a labelled decision; a postings wipe through the API empties the listing (every owner
 * announcing what it removed), keeps the CRM stage, and a new scrape fills the listing again.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { CrmStageChangedV1 } from '@jobpipe/contracts';
import { boardsOfSearches, type SearchBoards, startReplayServer } from '@jobpipe/replay';
import { freePort, waitFor } from '@jobpipe/test-kit';
import { ownReplayConfigText, testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

interface ListedJob {
  readonly jobId: string;
  readonly score: number;
  readonly track: string | null;
}
interface JobDetail {
  readonly summary: { readonly score: number } | null;
  readonly reasons: readonly { readonly kind?: string; readonly text?: string }[];
  readonly crm: { readonly stage: string };
  readonly history: readonly { readonly to?: string }[];
}

/** As in the repository's config file (its searches name the boards of exactly this dataset). */
const POSTINGS = 200;
const INGEST_QUEUES = ['scraper', 'parser', 'recommender', 'crm-api'] as const;

let running: TestStack | undefined;
after(() => running?.stop());

/** Every posting `GET /jobs` lists by default (the open ones, duplicates not collapsed), page by page, in the order it lists them. */
async function listAllByScore(stack: TestStack['stack'], status: 'open' | 'all' = 'open'): Promise<ListedJob[]> {
  const jobs: ListedJob[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `/jobs?status=${status}&collapse=false&sort=score&order=desc&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: { items: ListedJob[]; nextCursor: string | null } = await stack.api.request('GET', query);
    jobs.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return jobs;
}

test('replay scrape → parsed → scored → GET /jobs by score; a stage change reaches the recommender; wipe and scrape again', {
  timeout: 300_000,
}, async () => {
  const replayPort = await freePort();
  let seededSearches = 0;
  let boards: SearchBoards = {};
  running = await startTestStack({
    configFor: (apiPort) => {
      const file = testConfig(ownReplayConfigText({ apiPort, replayPort, postings: POSTINGS }));
      seededSearches = file.pipeline.searches.length;
      boards = boardsOfSearches(file.pipeline.searches);
      return file;
    },
  });
  // The same dataset the stack's replay serves (seeded, on the boards the config names), read from a second
  // replay on another port.
  const twin = await startReplayServer({ postings: POSTINGS, boards });
  const served = twin.postings.map((posting) => ({ source: posting.source, externalId: posting.externalId }));
  await twin.close();
  const { stack, inspector } = running;

  // One request per search: each gets its own run id (see the report on `POST /scrape` without a body).
  const { config } = await stack.api.request<{ config: { searches: { id: string }[] } }>('GET', '/config');
  assert.ok(seededSearches > 0);
  assert.equal(config.searches.length, seededSearches, 'the config file was seeded through the API');
  const scrapeEverySearch = async () => {
    const finishedBefore = inspector.published('scrape.finished');
    for (const search of config.searches) await stack.api.request('POST', '/scrape', { searchId: search.id });
    const idle = async () => {
      for (const queue of INGEST_QUEUES) if ((await inspector.pending(queue)) > 0) return false;
      // Every search's run has finished (scrape.finished), so nothing more will be scraped.
      return inspector.published('scrape.finished') >= finishedBefore + seededSearches;
    };
    await waitFor('the scrape to be parsed, scored and listed', idle, {
      timeoutMs: 100_000,
      detail: () => `scraped ${inspector.published('job.scraped')}, parsed ${inspector.published('job.parsed')}`,
    });
  };
  await scrapeEverySearch();

  // Every posting scraped is in the jobs table once (none dead-lettered: this replay serves no broken ones)...
  const scrapedIds = new Set(
    inspector.publishedData<{ source: string; externalId: string }>('job.scraped').map((d) => `${d.source}:${d.externalId}`),
  );
  const jobs = await inspector.all('jobs');
  assert.deepEqual(await inspector.deadLetteredPostings(), []);
  assert.deepEqual(new Set(jobs.map((job) => job.jobId)), scrapedIds);
  // ...and that is everything the replay serves: the replay puts its generated postings on the boards the
  // config's searches name, so the demo's searches read every posting served, of every source.
  assert.equal(jobs.length, served.length);
  const servedIds = served.filter((posting) => posting.source !== 'jsonld').map((posting) => `${posting.source}:${posting.externalId}`);
  assert.deepEqual(
    jobs
      .map((job) => job.jobId)
      .filter((id) => !id.startsWith('jsonld:'))
      .sort(),
    servedIds.sort(),
  );

  // Each job is scored on its stored content.
  const scores = new Map((await inspector.all('scores')).map((score) => [score.jobId, score]));
  for (const job of jobs) {
    const score = scores.get(job.jobId);
    assert.ok(score, `${job.jobId} is scored`);
    assert.equal(score.contentHash, job.contentHash, `${job.jobId} is scored on its stored content`);
    assert.equal(score.published, true);
  }

  // GET /jobs lists every open job once, highest score first, with the recommender's scores. The replay dates
  // its postings relative to today, so only the few already past their own closing date are closed (expired).
  const open = jobs.filter((job) => !job.closedAt);
  assert.ok(open.length >= jobs.length * 0.85, `most of a fresh board is open (${open.length} of ${jobs.length})`);
  assert.ok(jobs.every((job) => !job.closedAt || job.closeReason === 'expired'));
  const listed = await listAllByScore(stack);
  assert.deepEqual(listed.map((job) => job.jobId).sort(), open.map((job) => job.jobId).sort());
  for (const job of listed) assert.equal(job.score, scores.get(job.jobId)?.score, `${job.jobId}: listed score is the recommender's`);
  for (let i = 1; i < listed.length; i++) {
    assert.ok(
      listed[i - 1]!.score >= listed[i]!.score,
      `sorted by score, descending (at ${i}: ${listed[i - 1]!.score} then ${listed[i]!.score})`,
    );
  }
  assert.ok(listed[0]!.score > listed.at(-1)!.score, 'scores differ between jobs (the tracks matched something)');

  // The top job's detail explains its score with the recommender's reasons.
  const top = listed[0]!;
  const detail = await stack.api.request<JobDetail>('GET', `/jobs/${encodeURIComponent(top.jobId)}`);
  assert.equal(detail.summary?.score, top.score);
  assert.ok(detail.reasons.length > 0, 'the top job has score reasons');
  assert.deepEqual(detail.reasons, scores.get(top.jobId)?.reasons);
  assert.equal(detail.crm.stage, 'new');

  // A stage change through the API becomes the recommender's decision for that job.
  await stack.api.request('POST', `/jobs/${encodeURIComponent(top.jobId)}/stage`, { to: 'closed', closedReason: 'not-interested' });
  const moved = await stack.api.request<JobDetail>('GET', `/jobs/${encodeURIComponent(top.jobId)}`);
  assert.equal(moved.crm.stage, 'closed');
  assert.equal(moved.history.at(-1)?.to, 'closed');
  const decisionOf = () => inspector.get('recommenderState', { key: 'decision', sort: top.jobId });
  await waitFor('the recommender to record the decision', async () => (await decisionOf()) !== undefined, { timeoutMs: 30_000 });
  const [change] = inspector.bus
    .publishedEvents('crm.stage-changed')
    .map((event) => JSON.parse(event.body) as { detail: { meta: { eventId: string }; data: CrmStageChangedV1['data'] } });
  assert.equal(change?.detail.data.jobId, top.jobId);
  assert.deepEqual(await decisionOf(), {
    key: 'decision',
    sort: top.jobId,
    jobId: top.jobId,
    label: 0,
    changedAt: change.detail.data.changedAt,
    eventId: change.detail.meta.eventId,
  });

  // A postings wipe: every owner deletes its own and announces it, the listing follows the parser.
  const { wipeId } = await stack.api.request<{ wipeId: string }>('POST', '/wipe', { scope: 'postings', confirm: 'wipe postings' });
  const announcedBy = () =>
    new Set(
      inspector
        .publishedData<{ wipeId: string; service: string }>('wipe.completed')
        .filter((announcement) => announcement.wipeId === wipeId)
        .map((announcement) => announcement.service),
    );
  await waitFor(
    'every owner to announce the wipe and the listing to empty',
    async () =>
      ['scraper', 'parser', 'recommender', 'crm-api'].every((owner) => announcedBy().has(owner)) &&
      (await listAllByScore(stack)).length === 0,
    { timeoutMs: 60_000, detail: () => `announced by ${[...announcedBy()].join(', ')}` },
  );
  assert.deepEqual(await inspector.all('jobs'), []);
  assert.deepEqual(await inspector.all('scores'), []);
  assert.equal(await inspector.get('scrapeState', { key: `posting#${top.jobId.replace(':', '#')}` }), undefined);

  // A new scrape fills the listing again with the same postings; the CRM kept the stage of the moved job.
  await scrapeEverySearch();
  // Every posting is scored again, also one the sweep closed (expired) before the recommender scored it, so
  // every posting listed before the wipe is listed again: open, or closed if this sweep expired it. An
  // expired one may be listed open until the sweep after its scrape closes it again, so what is listed
  // open is checked against every job parsed before the wipe.
  const rescores = new Map((await inspector.all('scores')).map((score) => [score.jobId, score]));
  for (const job of await inspector.all('jobs'))
    assert.equal(rescores.get(job.jobId)?.contentHash, job.contentHash, `${job.jobId} is scored again`);
  const listedAgain = new Set((await listAllByScore(stack, 'all')).map((job) => job.jobId));
  for (const job of listed) assert.ok(listedAgain.has(job.jobId), `${job.jobId}, listed before the wipe, is listed again`);
  const parsedBefore = new Set(jobs.map((job) => job.jobId));
  for (const job of await listAllByScore(stack)) assert.ok(parsedBefore.has(job.jobId), `${job.jobId} was a posting before the wipe`);
  const relisted = await stack.api.request<JobDetail>('GET', `/jobs/${encodeURIComponent(top.jobId)}`);
  assert.equal(relisted.crm.stage, 'closed');

  await running.stop();
});
