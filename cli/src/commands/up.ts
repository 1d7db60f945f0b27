import { join } from 'node:path';
import { createLogger } from '@jobpipe/shared';
import type { Command } from 'commander';
import { loadConfigFile } from '../config/config-file.js';
import { REPO_ROOT, readCliEnvironment } from '../config.js';
import { crashLine } from '../stack/crash-line.js';
import { startEmbeddedStack } from '../stack/embedded-stack.js';
import { ensureLocalSecretKey } from '../stack/local-secret-key.js';
import { parseProcessLayout } from '../stack/process-layout.js';
import { type ListedJob, renderTopJobs } from '../stack/top-jobs.js';

const SETTLE_MS = 2_000;
const FIRST_PASS_TIMEOUT_MS = 120_000;

/** `jobpipe up`: the whole pipeline on this machine, embedded (what `npm start` runs). */
export function register(program: Command): void {
  program
    .command('up')
    .description('run every service on this machine (embedded transport), scrape, and show the top scored jobs')
    .option('--no-scrape', 'do not run the configured searches at start')
    .option(
      '--processes <layout>',
      'which services share a process: grouped (crm-api, etl, applier, auth-refresher, sheets-bridge, inbox and notifier in one; the others alone), ' +
        "separate (one each), one (all in one), or groups like 'etl+applier,parser+recommender'",
      'grouped',
    )
    .action(async (options: { scrape: boolean; processes: string }) => {
      const layout = parseProcessLayout(options.processes);
      const env = readCliEnvironment();
      const config = loadConfigFile(env.configPath);
      const secret = ensureLocalSecretKey(env.runtime.secretKey, join(REPO_ROOT, '.env'));
      if (secret.created) console.log('Created .env with a new JOBPIPE_SECRET_KEY for the local secret store.');
      const logger = createLogger('jobpipe-cli', 'warn', process.stderr);
      const apiPort = env.apiPort ?? config.api.port;
      console.log(`Starting jobpipe (embedded) with data in ${env.runtime.dataDir} …`);
      const stack = await startEmbeddedStack({
        repoRoot: REPO_ROOT,
        dataDir: env.runtime.dataDir,
        secretKey: secret.key,
        apiPort,
        healthPortBase: env.healthPortBase,
        layout,
        config,
        env: env.passThrough,
        logger,
        onCrash: (crash) => console.log(crashLine(crash)),
      });
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        console.log('\nStopping (finishing in-flight messages) …');
        await stack.stop();
        console.log('Stopped. `npm start` again resumes where it stopped.');
        process.exit(0);
      };
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());

      const { api } = stack;
      console.log(`Started ${stack.supervisor.processNames().join(', ')}`);
      if (stack.releasedAtStart.size > 0) {
        const held = [...stack.releasedAtStart].map(([queue, count]) => `${queue} ${count}`).join(', ');
        console.log(`Released the messages the killed processes of the last run still held (${held}): they are handled again now.`);
      }
      if (stack.replayUrl)
        console.log(`Source: offline replay of recorded postings at ${stack.replayUrl} (see docs/sources.md for live sources)`);
      if (stack.jobSite)
        console.log(
          `Job site:  ${stack.jobSite.url}   (the demo's site '${stack.jobSite.site}' to apply to; its account is in the secret store)`,
        );
      console.log(`API:       ${api.baseUrl}   (header: authorization: Bearer ${stack.apiKey})`);
      console.log(`Docs:      ${api.baseUrl}/docs`);
      console.log(`Cockpit:   ${api.baseUrl}/app#key=${stack.apiKey}`);
      console.log(`Dashboard: ${api.baseUrl}/dashboard#key=${stack.apiKey}`);
      console.log(`Try:       curl -H 'authorization: Bearer ${stack.apiKey}' ${api.baseUrl}/jobs`);

      if (options.scrape) {
        await stack.scheduler.fireAllSearches();
        await showFirstPass(stack.progress, () => api.request<{ items: ListedJob[] }>('GET', '/jobs?sort=score&limit=10'));
        await stack.scheduler.fire({ kind: 'etl' });
      }
      console.log('Running. `npm run jobpipe -- status` shows the services; Ctrl-C stops everything.');
    });
}

/** Shows progress until the first scrape has been parsed and scored, then the top 10 jobs. */
async function showFirstPass(
  progress: import('../stack/pipeline-progress.js').PipelineProgress,
  topJobs: () => Promise<{ items: ListedJob[] }>,
): Promise<void> {
  const started = Date.now();
  let quietSince = Date.now();
  let last = '';
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const counts = progress.counts();
    const line = `scraped ${counts.scraped} · parsed ${counts.parsed} · scored ${counts.scored} · dead-lettered ${counts.deadLettered}`;
    if (line !== last) {
      quietSince = Date.now();
      if (process.stdout.isTTY) process.stdout.write(`\r${line}   `);
      else console.log(line);
      last = line;
    }
    // Settled: the searches were taken, nothing waits on the ingest queues, and nothing moved for a while
    // (a restart whose sources hold nothing new settles with no new scores).
    const settled = progress.pendingIngest() === 0 && Date.now() - quietSince > SETTLE_MS;
    if (settled || Date.now() - started > FIRST_PASS_TIMEOUT_MS) break;
  }
  if (process.stdout.isTTY) process.stdout.write('\n');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const { scraped } = progress.counts();
  console.log(
    scraped > 0
      ? `First pass done in ${seconds} s. Top scored jobs:`
      : `Nothing new or changed at the sources since the last run (checked in ${seconds} s). Top scored jobs:`,
  );
  const { items } = await topJobs();
  console.log(renderTopJobs(items));
}
