/**
 * `kill -9` of the whole embedded stack — `jobpipe up` and every service process it supervises, at
 * once — in the middle of a run of 2,000 replayed postings, then `jobpipe up` again on the same data
 * folder: every posting ends in the jobs table exactly once, and each is scored on its stored content.
 * The replay server runs in the test: it is the outside world, which a crash of the stack does not reset.
 *
 * The messages the killed processes held do not wait out their visibility timeouts: each claim names
 * its process, and the restarted stack releases the claims of processes that no longer run.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { SearchStateItem } from '@jobpipe/contracts';
import { QUEUES, SERVICE_NAMES } from '@jobpipe/contracts';
import { type ReplayServer, startReplayServer } from '@jobpipe/replay';
import { freePort, serviceEnvironment, tempDir, testSecretKey, waitFor } from '@jobpipe/test-kit';
import { readSupervisorState } from '../../src/stack/supervisor-state.js';
import { CliProcess } from '../support/cli-process.js';
import { PipelineInspector } from '../support/pipeline-inspector.js';
import { externalReplayConfigText } from '../support/test-config.js';

const POSTINGS = 2_000;

const dir = tempDir('jobpipe-crash-');
let replay: ReplayServer | undefined;
let inspector: PipelineInspector | undefined;
const stacks: CliProcess[] = [];
after(async () => {
  for (const stack of stacks) await stack.killGroup();
  inspector?.close();
  await replay?.close();
  dir.remove();
});

test('kill -9 of the whole stack mid-run, then a restart: every posting in the jobs table exactly once', {
  timeout: 360_000,
}, async (t) => {
  replay = await startReplayServer({ postings: POSTINGS });
  const expected = new Set(replay.postings.map((posting) => `${posting.source}:${posting.externalId}`));
  assert.ok(expected.size > POSTINGS, 'the generated postings and the recorded ones');
  const apiPort = await freePort();
  const configPath = join(dir.path, 'jobpipe.config.yaml');
  writeFileSync(configPath, externalReplayConfigText({ apiPort, replay }));
  const dataDir = join(dir.path, 'data');
  const env = serviceEnvironment({
    ...replay.scraperEnv(),
    JOBPIPE_DATA_DIR: dataDir,
    JOBPIPE_CONFIG: configPath,
    JOBPIPE_API_PORT: String(apiPort),
    JOBPIPE_HEALTH_PORT_BASE: '0',
    JOBPIPE_SECRET_KEY: testSecretKey(),
  });
  const up = () => {
    const stack = new CliProcess(['up'], env, join(dir.path, `up-${stacks.length + 1}.log`));
    stacks.push(stack);
    return stack;
  };

  const first = up();
  await waitFor('the first stack to start its services', () => readSupervisorState(join(dataDir, 'supervisor.json')) !== undefined, {
    timeoutMs: 60_000,
  });
  inspector = new PipelineInspector(dataDir);
  const pipeline = inspector;
  await waitFor('the run to be well under way', () => pipeline.published('job.scored') >= 300, {
    timeoutMs: 150_000,
    intervalMs: 100,
    detail: () => `scraped ${pipeline.published('job.scraped')}, parsed ${pipeline.published('job.parsed')}`,
  });
  const services = readSupervisorState(join(dataDir, 'supervisor.json'))!.services;
  assert.equal(services.length, SERVICE_NAMES.length, 'every service runs under the supervisor');
  const members = first.members();
  for (const service of services) assert.ok(members.includes(service.pid!), `${service.name} is in the killed process group`);
  await first.killGroup();
  const atKill = { parsed: pipeline.published('job.parsed'), scored: pipeline.published('job.scored') };
  assert.ok(atKill.parsed < expected.size, `killed mid-run (${atKill.parsed} of ${expected.size} parsed)`);

  t.diagnostic(`killed after ${atKill.parsed} job.parsed and ${atKill.scored} job.scored of ${expected.size} postings`);
  const heldByDead = async () => {
    const depths = await Promise.all(QUEUES.map((queue) => pipeline.bus.depth(queue.name)));
    return depths.reduce((sum, depth) => sum + (depth.heldByDeadProcesses ?? 0), 0);
  };
  const heldAtKill = await heldByDead();
  assert.ok(heldAtKill > 0, 'the killed processes held messages');

  // Start again on the same data folder: `jobpipe up` runs the searches again and the queues resume.
  const restartedAt = new Date().toISOString();
  const second = up();
  await waitFor('the restarted stack to release what the killed processes held', async () => (await heldByDead()) === 0, {
    timeoutMs: 60_000,
  });
  await waitFor('jobpipe up to say so', () => readFileSync(second.logFile, 'utf8').includes('Released the messages the killed processes'), {
    timeoutMs: 60_000,
  });
  const searchIds = replay.scrapeRequests('ids').map((request) => request.searchId);
  const settled = async () => {
    const searches = await Promise.all(
      searchIds.map(async (searchId) => (await pipeline.get('scrapeState', { key: `search#${searchId}` })) as SearchStateItem | undefined),
    );
    if (!searches.every((search) => search !== undefined && search.lastFinishedAt > restartedAt)) return false;
    return (await pipeline.pending('parser')) === 0 && (await pipeline.pending('recommender')) === 0;
  };
  // Until the searches ran again and the parser and recommender queues are empty, including the
  // messages the killed processes held.
  await waitFor('the searches to run again and the queues to drain', settled, {
    timeoutMs: 240_000,
    intervalMs: 1_000,
    detail: () => `parsed ${pipeline.published('job.parsed')}, scored ${pipeline.published('job.scored')}`,
  });

  const jobs = await pipeline.all('jobs');
  assert.equal(jobs.length, expected.size, 'one row per posting, nothing else');
  assert.deepEqual(new Set(jobs.map((job) => job.jobId)), expected);
  const scores = new Map((await pipeline.all('scores')).map((score) => [score.jobId, score]));
  for (const job of jobs) {
    const score = scores.get(job.jobId);
    assert.equal(score?.contentHash, job.contentHash, `${job.jobId} is scored once, on its stored content`);
    assert.equal(score.published, true, `${job.jobId}: its job.scored went out`);
  }
  for (const queue of ['parser', 'recommender'])
    assert.deepEqual(await pipeline.deadLetters(queue), [], `nothing dead-lettered by ${queue}`);

  await second.stop();
  assert.deepEqual(
    await second.exited,
    { code: 0, signal: null },
    `jobpipe up stopped gracefully on SIGTERM; its output ended:\n${second.outputTail()}`,
  );
  assert.deepEqual(second.members(), [], 'no process of the stack is left');
});
