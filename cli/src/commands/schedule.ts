/**
 * `jobpipe schedule`: the scheduler of a stack whose services run elsewhere (the compose setup's
 * `scheduler` container): seeds the config file through crm-api (when the file changed since it was last
 * seeded), fires each search of the stored config on its cron schedule
 * and the nightly ETL, the same way `jobpipe up` does embedded. With --first-run it also runs every search
 * at once and prints the top 10 when they are scored.
 */
import { join } from 'node:path';
import { createLogger, createRuntimePorts } from '@jobpipe/shared';
import type { Command } from 'commander';
import { loadConfigFile } from '../config/config-file.js';
import { SeedRecord } from '../config/config-seed.js';
import { readCliEnvironment } from '../config.js';
import { CrmApiClient } from '../stack/api-client.js';
import { seedConfigFromFile } from '../stack/config-seeding.js';
import { EmbeddedScheduler } from '../stack/scheduler.js';
import { settledTopJobs } from '../stack/settled-top-jobs.js';
import { stackApiKey } from '../stack/stack-api-key.js';
import { StoredConfigFollower } from '../stack/stored-config-follower.js';
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
      const stored = await seedConfigFromFile(api, file.pipeline, new SeedRecord(join(env.runtime.dataDir, 'config-seed.json')));
      const scheduler = new EmbeddedScheduler(ports.publisher, logger);
      scheduler.start(stored.config);
      const follower = new StoredConfigFollower(api, stored, (config) => scheduler.follow(config), logger);
      follower.start();
      console.log(
        `Scheduling ${stored.config.searches.length} search(es) of the stored config (${env.runtime.transport} transport) and the nightly ETL.`,
      );
      const stop = async () => {
        follower.stop();
        scheduler.stop();
        await ports.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      if (!options.firstRun) return;
      await scheduler.fireAllSearches();
      const top = await settledTopJobs(api, 10, { pollMs: 2_000, quietMs: 10_000, timeoutMs: 300_000 });
      await scheduler.fire({ kind: 'etl' });
      console.log('First pass scored. Top scored jobs:');
      console.log(renderTopJobs(top));
    });
}
