import { join } from 'node:path';
import { type ScoreItem, sourceOfJobId } from '@jobpipe/contracts';
import { etlService, runFullRebuild } from '@jobpipe/etl';
import { parserService } from '@jobpipe/parser';
import { recommenderService } from '@jobpipe/recommender';
import type { ReplayServer } from '@jobpipe/replay';
import { scraperService } from '@jobpipe/scraper';
import {
  type BuiltService,
  type Change,
  type CommitResult,
  createEmbeddedPorts,
  createLogger,
  eventForScheduledRequest,
  type Logger,
  type Outbox,
  OutboxPublisher,
  type OutgoingEvent,
  type QueueRunner,
  type RuntimePorts,
  type ServiceDefinition,
  serviceQueueRunner,
} from '@jobpipe/shared';
import type { JobSite } from '@jobpipe/test-kit/job-site';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { type ConfigFile, loadConfigFile } from '../config/config-file.js';
import { SeedRecord } from '../config/config-seed.js';
import { seedConfigTable } from '../config/table-config-seeding.js';
import { type CliEnvironment, readCliEnvironment } from '../config.js';
import { startConfigReplay } from '../stack/config-replay.js';
import { resumeBlobKeyOf, scraperEnvWithJobSite, startDemoJobSite } from '../stack/demo-job-site.js';
import { openRunLog } from '../stack/run-log.js';
import { cliTableStyle } from '../stack/table-style.js';
import { type ListedJob, renderTopJobs } from '../stack/top-jobs.js';

/** The services one pass runs, in pipeline order (their queues are the ones drained). */
const PASS_SERVICES: readonly ServiceDefinition[] = [scraperService, parserService, recommenderService];
const PASS_QUEUES = PASS_SERVICES.map((service) => service.name);

/** Per source: events published during the pass, and dead letters made during it. */
type SourceCounts = { scraped: number; parsed: number; scored: number; deadLettered: number };

/** What `run --once` reports (also printed as JSON with --json). */
export interface RunSummary {
  readonly seconds: number;
  readonly sources: Record<string, SourceCounts>;
  readonly failedSearches: { searchId: string; reason: string }[];
  readonly analytics: { snapshotBlobKey: string; durationMs: number } | undefined;
  readonly topJobs: ListedJob[];
}

/** Counts what a service commits to its outbox (publishes included), per source, on its way to the bus. */
class CountingOutbox implements Outbox {
  constructor(
    private readonly inner: Outbox,
    private readonly count: (event: OutgoingEvent) => void,
  ) {}

  async commit(change: Change): Promise<CommitResult> {
    const result = await this.inner.commit(change);
    if (result.committed) for (const event of change.events) this.count(event);
    return result;
  }
}

/** The source an event of the pass belongs to (scrape requests, scraped, parsed and scored jobs). */
function sourceOf(detailType: string, data: Record<string, unknown>): string {
  const job = data.job as Record<string, unknown> | undefined;
  return String(detailType === 'job.parsed' || detailType === 'job.scored' ? job?.source : data.source);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs one pass; throws with a one-line message when a stage fails. */
async function runOnce(env: CliEnvironment, file: ConfigFile, timeoutSeconds: number, logger: Logger): Promise<RunSummary> {
  const started = Date.now();
  const runId = `once-${new Date(started).toISOString().replace(/[-:.]/g, '').slice(0, 15)}`;
  const sources: Record<string, SourceCounts> = {};
  const counts = (source: string) => (sources[source] ??= { scraped: 0, parsed: 0, scored: 0, deadLettered: 0 });
  const field = { 'job.scraped': 'scraped', 'job.parsed': 'parsed', 'job.scored': 'scored' } as const;
  const countEvent = (event: OutgoingEvent) => {
    const key = field[event.detailType as keyof typeof field];
    if (key) counts(sourceOf(event.detailType, event.data as Record<string, unknown>))[key]++;
  };
  const runtime = { dataDir: env.runtime.dataDir, secretKey: env.runtime.secretKey };
  const open: RuntimePorts[] = [];
  const portsOf = (producer: 'scheduler' | ServiceDefinition['name']) => {
    const created = createEmbeddedPorts(runtime, producer, { checkTableWrites: false });
    open.push(created);
    const outbox = new CountingOutbox(created.outbox, countEvent);
    return { ...created, outbox, publisher: new OutboxPublisher(outbox) };
  };

  let replay: ReplayServer | undefined;
  let jobSite: JobSite | undefined;
  const runners: QueueRunner[] = [];
  const built: BuiltService[] = [];
  try {
    if (file.replay.enabled) {
      replay = await startConfigReplay(file);
    }
    if (file.jobSite.enabled) {
      const ports = portsOf('scheduler');
      jobSite = await startDemoJobSite(
        { port: file.jobSite.port, site: file.jobSite.site, resumeBlobKey: resumeBlobKeyOf(file) },
        ports.secrets(),
        ports.blobs,
      );
    }
    // Each service reads its own settings, from the same environment its process would get.
    const serviceEnv = {
      ...env.passThrough,
      JOBPIPE_TRANSPORT: 'embedded',
      JOBPIPE_DATA_DIR: env.runtime.dataDir,
      ...scraperEnvWithJobSite(replay?.scraperEnv(), jobSite),
    };
    const scheduler = portsOf('scheduler');
    // The pass runs the config in force: the file's when it seeded, else the stored one (API changes kept).
    const { config } = await seedConfigTable(scheduler, file.pipeline, new SeedRecord(join(env.runtime.dataDir, 'config-seed.json')));

    // The same definitions as the service processes; their side jobs (timers, pollers) are not started.
    for (const service of PASS_SERVICES) {
      const ports = portsOf(service.name);
      const parts = await service.build(ports, service.readConfig(serviceEnv), logger);
      built.push(parts);
      const runner = serviceQueueRunner(service.name, ports, parts, { transport: 'embedded', logger });
      if (runner) runners.push(runner);
    }

    for (const search of config.searches) counts(search.source);
    const now = new Date();
    await scheduler.publisher.publish(
      config.searches.map((search) => eventForScheduledRequest({ kind: 'scrape', search }, `${runId}-${search.id}`, now)),
    );
    for (const runner of runners) runner.start();
    await drain(scheduler, timeoutSeconds);
    await Promise.all(runners.map((runner) => runner.stop()));

    const failedSearches = await countDeadLetters(scheduler, started, counts);
    const etlPorts = portsOf('etl');
    const snapshot = await runFullRebuild(etlPorts, etlService.readConfig(serviceEnv), logger, `${runId}-etl`).catch((error: unknown) => {
      throw new Error(`the ETL rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    return {
      seconds: (Date.now() - started) / 1000,
      sources,
      failedSearches,
      analytics: { snapshotBlobKey: snapshot.snapshotBlobKey, durationMs: snapshot.durationMs },
      topJobs: await topJobs(scheduler, 5),
    };
  } finally {
    await Promise.all(runners.map((runner) => runner.stop()));
    await Promise.all(built.map((parts) => parts.close?.()));
    await replay?.close();
    await jobSite?.close();
    await Promise.all(open.map((ports) => ports.close()));
  }
}

/** Waits until the pass's queues hold nothing (ready, in flight or waiting to be retried). */
async function drain(ports: Pick<RuntimePorts, 'deadLetters'>, timeoutSeconds: number): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let emptyChecks = 0;
  for (;;) {
    const depths = await Promise.all(PASS_QUEUES.map((queue) => ports.deadLetters.depth(queue)));
    const pending = depths.map((depth) => depth.ready + depth.inFlight);
    // Twice empty in a row: a handler may be between its publish and its ack on the first look.
    emptyChecks = pending.every((count) => count === 0) ? emptyChecks + 1 : 0;
    if (emptyChecks >= 2) return;
    if (Date.now() > deadline) {
      const left = PASS_QUEUES.map((queue, i) => `${queue} ${pending[i]}`).join(', ');
      throw new Error(
        `the queues were not drained within ${timeoutSeconds} s (still waiting: ${left}); see \`jobpipe dlq list\` and the logs`,
      );
    }
    await sleep(250);
  }
}

/** Adds the pass's dead letters to the per-source counts; returns the searches that failed outright. */
async function countDeadLetters(
  ports: Pick<RuntimePorts, 'deadLetters'>,
  since: number,
  counts: (source: string) => SourceCounts,
): Promise<{ searchId: string; reason: string }[]> {
  const failedSearches: { searchId: string; reason: string }[] = [];
  for (const queue of PASS_QUEUES) {
    for (const letter of await ports.deadLetters.list(queue, 100_000)) {
      if (Date.parse(letter.deadLetteredAt) < since) continue;
      const event = JSON.parse(letter.body) as { 'detail-type'?: string; detail?: { data?: Record<string, unknown> } };
      const data = event.detail?.data ?? {};
      counts(sourceOf(event['detail-type'] ?? '', data)).deadLettered++;
      if (event['detail-type'] === 'scrape.requested') failedSearches.push({ searchId: String(data.searchId), reason: letter.reason });
    }
  }
  return failedSearches;
}

/** The best scored jobs overall (scores table), with their titles from the jobs table. */
async function topJobs(ports: Pick<RuntimePorts, 'tables'>, count: number): Promise<ListedJob[]> {
  let best: ScoreItem[] = [];
  for await (const batch of ports.tables.scanPages('scores', { pageSize: 500 })) {
    best = [...best, ...batch.filter((item) => !item.filteredBy)].sort((a, b) => b.score - a.score).slice(0, count);
  }
  return Promise.all(
    best.map(async (score) => {
      const job = await ports.tables.get('jobs', { jobId: score.jobId });
      return {
        jobId: score.jobId,
        title: job?.title ?? score.jobId,
        company: job?.company ?? '',
        score: score.score,
        track: score.track,
        source: job?.source ?? sourceOfJobId(score.jobId) ?? 'unknown',
      };
    }),
  );
}

function printSummary(summary: RunSummary): void {
  const table = new Table({
    head: ['source', 'scraped', 'parsed', 'scored', 'dead-lettered'],
    ...cliTableStyle(),
  });
  const total: SourceCounts = { scraped: 0, parsed: 0, scored: 0, deadLettered: 0 };
  for (const [source, counts] of Object.entries(summary.sources).sort(([a], [b]) => a.localeCompare(b))) {
    table.push([source, counts.scraped, counts.parsed, counts.scored, counts.deadLettered]);
    for (const key of Object.keys(total) as (keyof SourceCounts)[]) total[key] += counts[key];
  }
  table.push(['total', total.scraped, total.parsed, total.scored, total.deadLettered]);
  console.log(`jobpipe run --once: one pass in ${summary.seconds.toFixed(1)} s`);
  console.log(table.toString());
  if (summary.analytics)
    console.log(
      `Analytics rebuilt in ${(summary.analytics.durationMs / 1000).toFixed(1)} s (snapshot ${summary.analytics.snapshotBlobKey})`,
    );
  console.log(
    summary.topJobs.length > 0 ? `Top ${summary.topJobs.length} jobs:\n${renderTopJobs(summary.topJobs)}` : 'No scored jobs yet.',
  );
  for (const failed of summary.failedSearches) console.error(`search '${failed.searchId}' failed: ${failed.reason}`);
}

/** `jobpipe run --once`: one full pass (scrape → parse → score → ETL) in this process, for cron. */
export function register(program: Command): void {
  program
    .command('run')
    .description(
      'one full pass in this process on the embedded transport: the configured searches (the replay source when replay.enabled), ' +
        'parse, score, then the analytics rebuild; prints a summary and exits (for cron)',
    )
    .option('--once', 'run one pass and exit (the only mode; `jobpipe up` runs continuously)')
    .option('--timeout <seconds>', 'longest wait for the queues to drain', '600')
    .option('--json', 'print the summary as JSON')
    .option('--verbose', 'log to stderr at info level (default: the log goes to <data dir>/logs/run-once.log)')
    .action(async (options: { once?: boolean; timeout: string; json?: boolean; verbose?: boolean }) => {
      try {
        if (!options.once) throw new Error('`jobpipe run` needs --once (use `jobpipe up` to keep the pipeline running)');
        const timeout = Number(options.timeout);
        if (!Number.isFinite(timeout) || timeout <= 0)
          throw new Error(`--timeout '${options.timeout}' is not a positive number of seconds`);
        const env = readCliEnvironment();
        const file = loadConfigFile(env.configPath);
        if (file.pipeline.searches.length === 0) throw new Error(`${env.configPath}: no searches configured: nothing to run`);
        const log = options.verbose ? undefined : openRunLog(join(env.runtime.dataDir, 'logs', 'run-once.log'));
        const logger = createLogger('jobpipe-run', env.passThrough.JOBPIPE_LOG_LEVEL ?? 'info', log?.stream ?? process.stderr);
        const summary = await runOnce(env, file, timeout, logger).finally(() => log?.close());
        if (options.json) console.log(JSON.stringify(summary, null, 2));
        else printSummary(summary);
        if (log && log.warnings() > 0 && !options.json)
          console.log(`${log.warnings()} warning(s) logged to ${log.path} (--verbose shows the log here)`);
        if (summary.failedSearches.length > 0) process.exitCode = 1;
      } catch (error) {
        console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      }
    });
}
