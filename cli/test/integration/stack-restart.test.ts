/**
 * One service process killed mid-run (SIGKILL of the parser while it holds messages): the supervisor
 * restarts it, the messages it held come back after their visibility timeout, and nothing is lost or
 * doubled — every good posting is in the jobs table once and scored once, and the parser's DLQ holds
 * exactly the deliberately broken postings.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { type ReplayServer, startReplayServer } from '@jobpipe/replay';
import { isRunning, waitFor } from '@jobpipe/test-kit';
import { readSupervisorState, type ServiceState } from '../../src/stack/supervisor-state.js';
import { externalReplayConfigText, testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

const POSTINGS = 600;
const BROKEN = 30;

let replay: ReplayServer | undefined;
let running: TestStack | undefined;
after(async () => {
  await running?.stop();
  await replay?.close();
});

test('a killed parser is restarted by the supervisor and no posting is lost or stored twice', { timeout: 180_000 }, async () => {
  replay = await startReplayServer({ postings: POSTINGS, broken: BROKEN });
  const source = replay;
  running = await startTestStack({
    configFor: (apiPort) => testConfig(externalReplayConfigText({ apiPort, replay: source })),
    env: source.scraperEnv(),
  });
  const { stack, inspector, dataDir } = running;
  const parserState = (): ServiceState | undefined =>
    readSupervisorState(join(dataDir, 'supervisor.json'))?.services.find((service) => service.name === 'parser');
  const good = new Set(source.postings.filter((posting) => !posting.broken).map((posting) => `${posting.source}:${posting.externalId}`));
  const broken = new Set(source.postings.filter((posting) => posting.broken).map((posting) => `${posting.source}:${posting.externalId}`));
  assert.equal(broken.size, BROKEN);

  for (const search of (await stack.api.request<{ config: { searches: { id: string }[] } }>('GET', '/config')).config.searches) {
    await stack.api.request('POST', '/scrape', { searchId: search.id });
  }

  // Kill the parser while it holds received messages, part-way through the run.
  await waitFor(
    'the parser to be part-way through the postings, holding messages',
    async () => inspector.published('job.parsed') >= 50 && (await inspector.bus.depth('parser')).inFlight > 0,
    { timeoutMs: 90_000, intervalMs: 20, detail: () => `parsed ${inspector.published('job.parsed')}` },
  );
  const killedPid = stack.supervisor.pidOf('parser');
  assert.ok(killedPid, 'the parser runs');
  assert.equal(parserState()?.restarts, 0, 'the parser had not restarted before the kill');
  process.kill(killedPid, 'SIGKILL');
  const parsedAtKill = inspector.published('job.parsed');
  assert.ok(parsedAtKill < good.size, `killed mid-run (${parsedAtKill} of ${good.size} parsed)`);

  await waitFor('the supervisor to restart the parser', () => parserState()?.restarts === 1 && parserState()?.status === 'up', {
    timeoutMs: 20_000,
  });
  const restarted = parserState()!;
  assert.equal(restarted.lastExit, 'signal SIGKILL');
  assert.notEqual(restarted.pid, killedPid);
  assert.ok(restarted.pid !== undefined && isRunning(restarted.pid), 'the restarted parser runs');
  assert.equal(isRunning(killedPid), false);

  // Messages the killed parser held come back after the parser queue's 60 s visibility timeout.
  await waitFor(
    'every posting to be parsed and scored',
    async () =>
      (await inspector.pending('scraper')) === 0 &&
      (await inspector.pending('parser')) === 0 &&
      (await inspector.pending('recommender')) === 0,
    {
      timeoutMs: 120_000,
      intervalMs: 500,
      detail: () => `parsed ${inspector.published('job.parsed')} of ${good.size}, scored ${inspector.published('job.scored')}`,
    },
  );

  const jobs = await inspector.all('jobs');
  assert.equal(jobs.length, good.size, 'one row per good posting, nothing else');
  assert.deepEqual(new Set(jobs.map((job) => job.jobId)), good);

  const deadLettered = await inspector.deadLetteredPostings();
  assert.equal(deadLettered.length, BROKEN, 'each broken posting dead-lettered once');
  assert.deepEqual(new Set(deadLettered.map((letter) => letter.jobId)), broken);
  for (const letter of deadLettered) assert.ok(letter.reason.length > 0, `${letter.jobId} is dead-lettered with a reason`);
  for (const queue of ['scraper', 'recommender', 'crm-api'])
    assert.deepEqual(await inspector.deadLetters(queue), [], `${queue} DLQ is empty`);

  const scores = new Map((await inspector.all('scores')).map((score) => [score.jobId, score]));
  for (const job of jobs) assert.equal(scores.get(job.jobId)?.contentHash, job.contentHash, `${job.jobId} is scored on its stored content`);
  assert.equal(scores.size, good.size);
  // A posting parsed again after the kill is not scored again: one job.scored per posting.
  const scoredEvents = inspector.publishedData<{ jobId: string }>('job.scored').map((data) => data.jobId);
  assert.equal(scoredEvents.length, good.size, 'one job.scored per good posting');
  assert.deepEqual(new Set(scoredEvents), good);
});
