/**
 * Memory and start-up time of the whole embedded stack, run as a user runs it: `jobpipe up` in a child
 * process group (the supervisor) and the eight service processes it starts, in a fresh data folder.
 *
 * - `stack.idleRssMb`: sum of VmRSS (from /proc) of every process of the group — supervisor, services
 *   and any helper they spawned — once the stack has run 30 s with nothing to do (median of samples
 *   over a few seconds): what a user sees of a stack that waits for its next scheduled search. V8 has
 *   then had time to give back what start-up used (its memory reducer runs once allocation stops).
 *   Target: < 600 MB. Each process's VmRSS includes the pages of the node binary and libraries it
 *   shares with the others, so this sum counts them once per process.
 * - `stack.startupIdleRssMb`: the same sum 5 s after the stack started, before that settling.
 * - `stack.idlePssMb`: the same sum of Pss (each shared page split between the processes sharing it):
 *   the physical memory the stack holds.
 * - `stack.busyRssMb`, `stack.busyPssMb`: the highest sums seen while the stack processes a replay of
 *   2,000 postings; `stack.secondsToScoreBusyReplay`: how long that takes (throughput of the stack).
 * - `stack.secondsToFirstScoredJobs`: from starting `npm start`'s two steps (the build, forced as on a
 *   fresh clone, then `jobpipe up` from its bundle, with the repository config and its own replay
 *   source) until `GET /jobs` lists a scored job.
 *
 * Also printed, for finding where memory goes: RSS per process when idle, and the RSS of a bare `node`
 * and of `node --import tsx` on an empty module (the floor each service process pays).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReplayServer, withExternalReplay, withOwnReplay } from '@jobpipe/replay';
import { embeddedPaths, SqliteBus } from '@jobpipe/shared';
import {
  freePort,
  NodeProcessGroup,
  proportionalMb,
  residentMb,
  serviceEnvironment,
  tempDir,
  testSecretKey,
  waitFor,
} from '@jobpipe/test-kit';
import { cliEntryFile } from '../../cli/src/build/stack-bundles.js';
import { REPO_ROOT } from '../../cli/src/config.js';
import { STACK_NODE_FLAGS } from '../../cli/src/stack/service-processes.js';
import { readSupervisorState } from '../../cli/src/stack/supervisor-state.js';

const BUSY_POSTINGS = 2_000;
const STARTUP_SETTLE_MS = 5_000;
const IDLE_SETTLE_MS = 30_000;
const IDLE_SAMPLES = 10;

/** `jobpipe <args>` from its bundle, as `npm start` runs it, in a process group of its own. */
const bundledCli = (args: string[], env: Record<string, string>, logFile: string) =>
  new NodeProcessGroup([...STACK_NODE_FLAGS, cliEntryFile(REPO_ROOT), ...args], env, logFile, REPO_ROOT);
const repositoryConfigText = () => readFileSync(join(REPO_ROOT, 'jobpipe.config.yaml'), 'utf8');

/** Messages waiting or in flight on a queue of the stack's bus. */
async function pending(bus: SqliteBus, queue: string): Promise<number> {
  const depth = await bus.depth(queue);
  return depth.ready + depth.inFlight;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** What a process of the stack is: its service name from the supervisor state, else its command. */
function labelOf(pid: number, dataDir: string, cliPid: number): string {
  if (pid === cliPid) return 'supervisor (jobpipe up)';
  const service = readSupervisorState(join(dataDir, 'supervisor.json'))?.services.find((candidate) => candidate.pid === pid);
  if (service) return service.name;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 60);
  } catch {
    return `pid ${pid}`;
  }
}

function groupRss(stack: NodeProcessGroup): { total: number; totalPss: number; byPid: Map<number, number> } {
  const members = stack.members();
  const byPid = new Map(members.map((pid) => [pid, residentMb(pid)]));
  const totalPss = members.reduce((sum, pid) => sum + proportionalMb(pid), 0);
  return { total: [...byPid.values()].reduce((sum, mb) => sum + mb, 0), totalPss, byPid };
}

/** `npm run build` as `npm start` runs it first; `force` rebuilds every bundle, as on a fresh clone. */
function buildBundles(options: { force: boolean }): void {
  const args = ['--import', 'tsx', join(REPO_ROOT, 'cli', 'src', 'build', 'main.ts'), ...(options.force ? ['--force'] : [])];
  const result = spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the build failed: ${result.stderr}`);
}

/** RSS of a child node process that has loaded `args` and then idles. */
function floorRssMb(args: string[]): number {
  const script = `setTimeout(() => { process.stdout.write(require('node:fs').readFileSync('/proc/self/status', 'utf8').match(/VmRSS:\\s+(\\d+)/)[1]); process.exit(0); }, 1500);`;
  const dir = tempDir('jobpipe-bench-floor-');
  try {
    const file = join(dir.path, 'idle.cjs');
    writeFileSync(file, script);
    return Number(execFileSync(process.execPath, [...args, file], { cwd: REPO_ROOT, encoding: 'utf8' })) / 1024;
  } finally {
    dir.remove();
  }
}

async function measureIdleAndBusy(): Promise<{
  startupIdle: number;
  idle: number;
  idlePss: number;
  busy: number;
  busyPss: number;
  busySeconds: number;
}> {
  const dir = tempDir('jobpipe-bench-stack-');
  const replay = await startReplayServer({ postings: BUSY_POSTINGS });
  const apiPort = await freePort();
  const configPath = join(dir.path, 'jobpipe.config.yaml');
  writeFileSync(configPath, withExternalReplay(repositoryConfigText(), { apiPort, replay }));
  const dataDir = join(dir.path, 'data');
  const stack = bundledCli(
    ['up', '--no-scrape'],
    serviceEnvironment({
      ...replay.scraperEnv(),
      JOBPIPE_DATA_DIR: dataDir,
      JOBPIPE_CONFIG: configPath,
      JOBPIPE_API_PORT: String(apiPort),
      JOBPIPE_HEALTH_PORT_BASE: '0',
      JOBPIPE_SECRET_KEY: testSecretKey(),
    }),
    join(dir.path, 'up.log'),
  );
  let bus: SqliteBus | undefined;
  try {
    await waitFor('the stack to start', () => readFileSync(stack.logFile, 'utf8').includes('Running.'), { timeoutMs: 120_000 });
    const runningSince = performance.now();
    const sampleIdle = async () => {
      const samples: ReturnType<typeof groupRss>[] = [];
      for (let i = 0; i < IDLE_SAMPLES; i++) {
        samples.push(groupRss(stack));
        await sleep(300);
      }
      return samples;
    };
    await sleep(STARTUP_SETTLE_MS);
    const startupIdle = median((await sampleIdle()).map((sample) => sample.total));
    await sleep(IDLE_SETTLE_MS - (performance.now() - runningSince));
    const samples = await sampleIdle();
    const idle = median(samples.map((sample) => sample.total));
    const idlePss = median(samples.map((sample) => sample.totalPss));
    const last = samples.at(-1)!;
    console.log(`  idle RSS per process (MB), ${last.byPid.size} processes:`);
    for (const [pid, mb] of [...last.byPid].sort((a, b) => b[1] - a[1])) {
      console.log(`    ${labelOf(pid, dataDir, stack.pgid).padEnd(40)} ${mb.toFixed(1)}`);
    }

    // Busy: the searches of the 2,000-posting replay, through the API as a user asks.
    bus = new SqliteBus({ path: embeddedPaths(dataDir).bus });
    const key = /authorization: Bearer (\S+)\)/.exec(readFileSync(stack.logFile, 'utf8'))?.[1];
    if (!key) throw new Error('jobpipe up did not print its API key');
    for (const request of replay.scrapeRequests('bench')) {
      const response = await fetch(`http://127.0.0.1:${apiPort}/scrape`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ searchId: request.searchId }),
      });
      if (response.status !== 202) throw new Error(`POST /scrape → ${response.status}: ${await response.text()}`);
    }
    const pipeline = bus;
    const countScored = pipeline.db.prepare("SELECT COUNT(*) AS n FROM event_log WHERE detail_type = 'job.scored'");
    const scored = () => (countScored.get() as { n: number }).n;
    const busyStarted = performance.now();
    let busy = 0;
    let busyPss = 0;
    let busiest = new Map<number, number>();
    await waitFor(
      'the replay to be scraped, parsed and scored',
      async () => {
        const sample = groupRss(stack);
        if (sample.total > busy) [busy, busiest] = [sample.total, sample.byPid];
        busyPss = Math.max(busyPss, sample.totalPss);
        return (
          scored() >= replay.postings.length && (await pending(pipeline, 'parser')) === 0 && (await pending(pipeline, 'recommender')) === 0
        );
      },
      { timeoutMs: 600_000, intervalMs: 250, detail: () => `scored ${scored()} of ${replay.postings.length}` },
    );
    const busySeconds = (performance.now() - busyStarted) / 1000;
    console.log('  busiest RSS per process (MB):');
    for (const [pid, mb] of [...busiest].sort((a, b) => b[1] - a[1]))
      console.log(`    ${labelOf(pid, dataDir, stack.pgid).padEnd(40)} ${mb.toFixed(1)}`);
    return { startupIdle, idle, idlePss, busy, busyPss, busySeconds };
  } finally {
    await stack.stop();
    bus?.close();
    await replay.close();
    dir.remove();
  }
}

async function measureSecondsToFirstScoredJobs(): Promise<number> {
  const dir = tempDir('jobpipe-bench-start-');
  const [apiPort, replayPort] = [await freePort(), await freePort()];
  const configPath = join(dir.path, 'jobpipe.config.yaml');
  writeFileSync(configPath, withOwnReplay(repositoryConfigText(), { apiPort, replayPort, postings: 200 }));
  const started = performance.now();
  buildBundles({ force: true });
  const stack = bundledCli(
    ['up'],
    serviceEnvironment({
      JOBPIPE_DATA_DIR: join(dir.path, 'data'),
      JOBPIPE_CONFIG: configPath,
      JOBPIPE_HEALTH_PORT_BASE: '0',
      JOBPIPE_SECRET_KEY: testSecretKey(),
    }),
    join(dir.path, 'up.log'),
  );
  try {
    let key: string | undefined;
    await waitFor(
      'GET /jobs to list a scored job',
      async () => {
        key ??= /authorization: Bearer (\S+)\)/.exec(readFileSync(stack.logFile, 'utf8'))?.[1];
        if (!key) return false;
        const response = await fetch(`http://127.0.0.1:${apiPort}/jobs?limit=1`, { headers: { authorization: `Bearer ${key}` } });
        return response.ok && ((await response.json()) as { items: unknown[] }).items.length > 0;
      },
      { timeoutMs: 180_000, intervalMs: 100 },
    );
    return (performance.now() - started) / 1000;
  } finally {
    await stack.stop();
    dir.remove();
  }
}

export default async function (): Promise<Record<string, number>> {
  console.log(
    `\n  floor per process (MB): node ${floorRssMb([]).toFixed(1)}, node --import tsx ${floorRssMb(['--import', 'tsx']).toFixed(1)}`,
  );
  buildBundles({ force: false });
  const { startupIdle, idle, idlePss, busy, busyPss, busySeconds } = await measureIdleAndBusy();
  const secondsToFirstScoredJobs = await measureSecondsToFirstScoredJobs();
  return {
    'stack.startupIdleRssMb': startupIdle,
    'stack.idleRssMb': idle,
    'stack.idlePssMb': idlePss,
    'stack.busyRssMb': busy,
    'stack.busyPssMb': busyPss,
    'stack.secondsToScoreBusyReplay': busySeconds,
    'stack.secondsToFirstScoredJobs': secondsToFirstScoredJobs,
  };
}
