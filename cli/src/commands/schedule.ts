/**
 * `jobpipe schedule`: the scheduler of a stack whose services run elsewhere (the compose setup's
 * `scheduler` container): seeds the config file through crm-api, fires each search on its cron schedule
 * and the nightly ETL, the same way `jobpipe up` does embedded. With --first-run it also runs every search
 * at once and prints the top 10 when they are scored.
 */
import { createLogger, createRuntimePorts } from '@jobpipe/shared';
import type { Command } from 'commander';
import { loadConfigFile } from '../config/config-file.js';
import { readCliEnvironment } from '../config.js';
import { CrmApiClient } from '../stack/api-client.js';
import { seedConfig } from '../stack/embedded-stack.js';
import { EmbeddedScheduler } from '../stack/scheduler.js';
import { settledTopJobs } from '../stack/settled-top-jobs.js';
import { stackApiKey } from '../stack/stack-api-key.js';
import { renderTopJobs } from '../stack/top-jobs.js';

interface ScheduleOptions {
  readonly api: string;
  readonly firstRun?: boolean;
}

/** Registers the `schedule` command. */
export function register(program: Command): void {
  program
    .command('schedule')
    .description(
      'seed the config through crm-api and fire the searches and the nightly ETL on their schedules (for stacks run by docker compose or by hand)',
    )
    .option('--api <url>', "crm-api's base URL", 'http://127.0.0.1:3000')
    .option('--first-run', 'run every search now and print the top 10 scored jobs once they settle')
    .action(async (options: ScheduleOptions) => {
      const env = readCliEnvironment();
      const file = loadConfigFile(env.configPath);
      const logger = createLogger('jobpipe-schedule', env.passThrough.JOBPIPE_LOG_LEVEL ?? 'warn', process.stderr);
      const ports = await createRuntimePorts(env.runtime, 'scheduler');
      const api = new CrmApiClient(options.api, await stackApiKey(ports, 'jobpipe schedule'));
      await api.waitUntilHealthy(120_000);
      await seedConfig(api, file);
      const scheduler = new EmbeddedScheduler(ports.publisher, logger);
      scheduler.start(file.pipeline);
      const searches = file.pipeline.searches;
      console.log(`Scheduling ${searches.length} search(es) (${env.runtime.transport} transport) and the nightly ETL.`);
      const stop = async () => {
        scheduler.stop();
        await ports.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      if (!options.firstRun) return;
      for (const search of searches) await scheduler.fire({ kind: 'scrape', search });
      const top = await settledTopJobs(api, 10, { pollMs: 2_000, quietMs: 10_000, timeoutMs: 300_000 });
      await scheduler.fire({ kind: 'etl' });
      console.log('First pass scored. Top scored jobs:');
      console.log(renderTopJobs(top));
    });
}
