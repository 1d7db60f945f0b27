/**
 * Recovery of the embedded stack from `kill -9` (`stack.secondsToSettleAfterCrash`, goal < 60): `jobpipe
 * up` with a replay of 2,000 postings, the whole process group SIGKILLed once 300 jobs are scored, then
 * `jobpipe up` again on the same data folder (with `--no-scrape`: only the work left behind). The figure
 * runs from the restart until every message the killed processes held has been handled (acked or
 * dead-lettered) — before claims named their process, those waited out their visibility timeouts, up to
 * 15 minutes. Also printed: how many messages the killed processes held.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReplayServer, withExternalReplay } from '@jobpipe/replay';
import { embeddedPaths, openSqlite, SqliteBus } from '@jobpipe/shared';
import { freePort, NodeProcessGroup, serviceEnvironment, tempDir, testSecretKey, waitFor } from '@jobpipe/test-kit';
import { buildStackBundles, cliEntryFile } from '../../cli/src/build/stack-bundles.js';
import { REPO_ROOT } from '../../cli/src/config.js';
import { STACK_NODE_FLAGS } from '../../cli/src/stack/service-processes.js';
import { readSupervisorState } from '../../cli/src/stack/supervisor-state.js';

const POSTINGS = 2_000;
const SCORED_BEFORE_KILL = 300;

export default async function crashBench(): Promise<Record<string, number>> {
  // The stack runs from its bundles: build them if a source changed since (on a fresh clone, always).
  await buildStackBundles(REPO_ROOT);
  const dir = tempDir('jobpipe-bench-crash-');
  const replay = await startReplayServer({ postings: POSTINGS });
  const apiPort = await freePort();
  const configPath = join(dir.path, 'jobpipe.config.yaml');
  writeFileSync(configPath, withExternalReplay(readFileSync(join(REPO_ROOT, 'jobpipe.config.yaml'), 'utf8'), { apiPort, replay }));
  const dataDir = join(dir.path, 'data');
  const env = serviceEnvironment({
    ...replay.scraperEnv(),
    JOBPIPE_DATA_DIR: dataDir,
    JOBPIPE_CONFIG: configPath,
    JOBPIPE_API_PORT: String(apiPort),
    JOBPIPE_HEALTH_PORT_BASE: '0',
    JOBPIPE_SECRET_KEY: testSecretKey(),
  });
  const stacks: NodeProcessGroup[] = [];
  // `jobpipe up` from its bundle, as `npm start` runs it, in a process group of its own (killed at once, as a power cut would).
  const up = (args: string[]) => {
    const logFile = join(dir.path, `up-${stacks.length + 1}.log`);
    const stack = new NodeProcessGroup([...STACK_NODE_FLAGS, cliEntryFile(REPO_ROOT), 'up', ...args], env, logFile, REPO_ROOT);
    stacks.push(stack);
    return stack;
  };
  let watched: SqliteBus | undefined;
  try {
    const first = up([]);
    await waitFor('the first stack to start', () => readSupervisorState(join(dataDir, 'supervisor.json')) !== undefined, {
      timeoutMs: 120_000,
    });
    const pipeline = new SqliteBus({ path: embeddedPaths(dataDir).bus });
    watched = pipeline;
    const countScored = pipeline.db.prepare("SELECT COUNT(*) AS n FROM event_log WHERE detail_type = 'job.scored'");
    await waitFor('the run to be under way', () => (countScored.get() as { n: number }).n >= SCORED_BEFORE_KILL, {
      timeoutMs: 300_000,
      intervalMs: 100,
    });
    await first.killGroup();
    const bus = openSqlite(join(dataDir, 'bus.sqlite'));
    const held = bus.prepare('SELECT message_id FROM messages WHERE receipt IS NOT NULL').pluck().all() as string[];
    const stillThere = bus
      .prepare(`SELECT COUNT(*) FROM messages WHERE message_id IN (SELECT value FROM json_each(?)) AND queue NOT LIKE '%-dlq'`)
      .pluck();
    console.log(`\n  the killed processes held ${held.length} message(s)`);

    const restarted = performance.now();
    up(['--no-scrape']);
    await waitFor('every message the killed processes held to be handled', () => stillThere.get(JSON.stringify(held)) === 0, {
      timeoutMs: 1_200_000,
      intervalMs: 200,
    });
    const seconds = (performance.now() - restarted) / 1000;
    bus.close();
    return { 'stack.secondsToSettleAfterCrash': seconds };
  } finally {
    for (const stack of stacks) await stack.killGroup();
    watched?.close();
    await replay.close();
    dir.remove();
  }
}
