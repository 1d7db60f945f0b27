/**
 * Ingest throughput: postings per second from `scrape.requested` to `job.parsed` through the embedded
 * stack as `npm start` runs it — the replay server, the scraper and the parser each in its own process,
 * talking through the SQLite bus, tables and blob folder in one data dir — with every source served by
 * the replay (no faults). The clock runs from publishing the scrape requests until both queues are empty.
 * Issue 3 target: ≥ 300 postings/s on 2 cores; issue 14: ≥ 400 with every source on (`sources.count`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ScrapeRequestedV1 } from '@jobpipe/contracts';
import { createEmbeddedPorts, readRuntimeConfig } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';

const POSTINGS = 2000;
const root = join(import.meta.dirname, '..', '..');

/** Starts a TypeScript entry as a child process; resolves with it and its first stdout line matching `ready`. */
async function startProcess(entry: string, env: Record<string, string>, ready: (line: string) => boolean) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, entry)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    lines.on('line', (text) => ready(text) && resolve(text));
    child.once('exit', (code) => reject(new Error(`${entry} exited (${code}) before it was ready`)));
  });
  return { child, line };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

export default async function ingestBench(): Promise<Record<string, number>> {
  const dir = tempDir('jobpipe-bench-ingest-');
  const children: ChildProcess[] = [];
  const common = { JOBPIPE_DATA_DIR: dir.path, JOBPIPE_TRANSPORT: 'embedded', JOBPIPE_LOG_LEVEL: 'info' };
  const requester = createEmbeddedPorts(readRuntimeConfig(common), 'crm-api');
  try {
    const replay = await startProcess('tools/replay/src/main.ts', { JOBPIPE_REPLAY_POSTINGS: String(POSTINGS) }, () => true);
    children.push(replay.child);
    const { postings, env, scrapeRequests } = JSON.parse(replay.line) as {
      postings: number;
      env: Record<string, string>;
      scrapeRequests: ScrapeRequestedV1['data'][];
    };
    const started = (line: string) => line.includes('"service started"');
    for (const [entry, extra] of [
      ['services/scraper/src/main.ts', { ...env, JOBPIPE_SCRAPER_CONCURRENCY: '5' }],
      ['services/parser/src/main.ts', {}],
    ] as const) {
      children.push((await startProcess(entry, { ...common, ...extra }, started)).child);
    }
    const begin = performance.now();
    await requester.publisher.publish(scrapeRequests.map((data) => ({ detailType: 'scrape.requested' as const, data })));
    for (;;) {
      const depths = await Promise.all(['scraper', 'parser'].map((queue) => requester.bus.depth(queue)));
      if (depths.every((depth) => depth.ready === 0 && depth.inFlight === 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - begin) / 1000;
    const parsed = requester.bus.publishedEvents('job.parsed').length;
    if (parsed !== postings) throw new Error(`expected ${postings} job.parsed events, got ${parsed}`);
    // Every source the replay serves is read in the same run; the count says how many that was.
    return { 'ingest.postingsPerSecond': parsed / seconds, 'sources.count': new Set(scrapeRequests.map((request) => request.source)).size };
  } finally {
    await Promise.all(children.map(stop));
    await requester.close();
    dir.remove();
  }
}
