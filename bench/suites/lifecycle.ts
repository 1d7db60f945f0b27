/**
 * Job lifecycle. Closing precision and recall over 30 simulated days of boards (`simulateBoards` of the
 * replay: postings close, open and come back under new ids; a quarter of the reads are truncated, lose a
 * page or are capped; whole reads now and then miss an open posting), each job decided by the parser's
 * own rule (`lifecycleAfterRun`) after every read of its board. Then the sweep itself: the parser's
 * `sweepAfterRun` after a complete read of a source holding 100,000 open jobs (0.5 % of them missing,
 * so 500 writes), on the embedded tables; baseline, same run: reading the same 100,000 jobs through the
 * same index without deciding or writing anything. Wall-clock and CPU seconds are both given: on a
 * machine shared with other work the first includes waiting for a core.
 */
import { type EventDataMap, type JobItem, TABLES } from '@jobpipe/contracts';
import { type JobLifecycle, JobsRepository, lifecycleAfterRun, MISSES_TO_CLOSE, sweepAfterRun } from '@jobpipe/parser';
import { scoreClosures, simulateBoards } from '@jobpipe/replay';
import { createEmbeddedPorts } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';

const DAYS = 30;
const SWEPT_JOBS = 100_000;
const MISSING_SHARE = 0.005;

function closeScore() {
  const timeline = simulateBoards({
    days: DAYS,
    boards: ['acme', 'globex', 'initech', 'umbrella', 'hooli'],
    postingsPerBoard: 200,
    closeChance: 0.04,
    newPerDay: 8,
    relistChance: 0.2,
    partialRunChance: 0.25,
    glitchChance: 0.02,
    seed: 29,
  });
  const jobs = new Map<string, JobLifecycle>();
  const closures: { externalId: string; day: number }[] = [];
  for (const run of timeline.runs) {
    const listed = new Set(run.listed);
    for (const posting of timeline.postings.values()) {
      if (posting.board !== run.board || posting.openedDay > run.day) continue;
      const job = jobs.get(posting.externalId) ?? {
        jobId: `greenhouse:${posting.externalId}`,
        firstSeenAt: timeline.dayAt(posting.openedDay),
        lastSeenAt: timeline.dayAt(posting.openedDay),
        expiresAt: null,
      };
      const change = lifecycleAfterRun(job, {
        searchId: run.board,
        runId: run.runId,
        status: run.status,
        finishedAt: run.finishedAt,
        listed: listed.has(posting.externalId),
      });
      if (change.kind === 'close') closures.push({ externalId: posting.externalId, day: run.day });
      jobs.set(posting.externalId, change.kind === 'none' ? job : change.lifecycle);
    }
  }
  return scoreClosures(timeline, closures, MISSES_TO_CLOSE);
}

function openJob(n: number): JobItem {
  const at = '2026-06-01T08:00:00.000Z';
  return {
    jobId: `greenhouse:${n}`,
    source: 'greenhouse',
    externalId: String(n),
    canonicalUrl: `https://boards.greenhouse.io/acme/jobs/${n}`,
    title: `Data Engineer ${n % 50}`,
    company: `Company ${n % 997}`,
    locations: [{ display: 'Singapore' }],
    remote: false,
    employmentType: 'full-time',
    seniority: null,
    salary: null,
    skills: [],
    experienceYears: null,
    descriptionText: 'Own a service end to end.',
    postedAt: at,
    expiresAt: null,
    contentHash: n.toString(16).padStart(64, '0'),
    firstSeenAt: at,
    lastSeenAt: '2026-06-10T08:00:00.000Z',
    descriptionHtml: '<p>Own a service end to end.</p>',
    dedupeKey: `company ${n % 997}|data engineer ${n % 50}|singapore`,
    fetchedAt: at,
    reads: { acme: { lastRunId: 'run-9', misses: 0 } },
  } satisfies JobItem;
}

async function sweepSeconds(): Promise<{ sweep: number; sweepCpu: number; scan: number; closed: number; updated: number }> {
  const dir = tempDir('jobpipe-bench-lifecycle-');
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'parser');
  try {
    const jobs = Array.from({ length: SWEPT_JOBS }, (_, n) => openJob(n));
    for (let start = 0; start < jobs.length; start += 5000) await ports.tables.putMany('jobs', jobs.slice(start, start + 5000));
    const listed = jobs.filter((_, n) => n % Math.round(1 / MISSING_SHARE) !== 0).map((job) => String(job.externalId));
    await ports.blobs.put('runs/greenhouse/acme/run-10.json', Buffer.from(JSON.stringify(listed)), 'application/json');
    const repository = new JobsRepository(ports.tables, ports.outbox);
    const scanStarted = performance.now();
    const scanned = await repository.ofSource('greenhouse');
    const scan = (performance.now() - scanStarted) / 1000;
    if (scanned.length !== SWEPT_JOBS || TABLES.jobs.indexes.bySource === undefined) throw new Error('the jobs were not all stored');
    const at = '2026-06-10T20:00:00.000Z';
    const run: EventDataMap['scrape.finished'] = {
      searchId: 'acme',
      source: 'greenhouse',
      runId: 'run-10',
      status: 'complete',
      coverage: {
        listed: listed.length,
        fetched: listed.length,
        published: 0,
        unchanged: listed.length,
        notModified: 0,
        postingsFailed: 0,
        pagesFailed: 0,
        capped: false,
        truncated: false,
      },
      drift: false,
      seenBlobKey: 'runs/greenhouse/acme/run-10.json',
      startedAt: at,
      finishedAt: at,
      durationMs: 0,
    };
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const outcome = await sweepAfterRun({ blobs: ports.blobs, repository }, run, (events) => [...events]);
    const cpu = process.cpuUsage(cpuBefore);
    return {
      sweep: (performance.now() - started) / 1000,
      // SQLite runs in this thread (better-sqlite3), so CPU time is the sweep's own work, whatever else runs on the machine.
      sweepCpu: (cpu.user + cpu.system) / 1e6,
      scan,
      closed: outcome.closed,
      updated: outcome.updated,
    };
  } finally {
    await ports.close();
    dir.remove();
  }
}

export default async function (): Promise<Record<string, number>> {
  const score = closeScore();
  const swept = await sweepSeconds();
  if (swept.updated !== Math.ceil(SWEPT_JOBS * MISSING_SHARE)) throw new Error(`expected one miss per missing job, got ${swept.updated}`);
  return {
    'lifecycle.closePrecision': score.precision,
    'lifecycle.closeRecall': score.recall,
    'lifecycle.closures': score.closed,
    'lifecycle.sweepSecondsPer100k': (swept.sweep * 100_000) / SWEPT_JOBS,
    'lifecycle.sweepCpuSecondsPer100k': (swept.sweepCpu * 100_000) / SWEPT_JOBS,
    'lifecycle.sweepToScanRatio': swept.sweep / swept.scan,
  };
}
