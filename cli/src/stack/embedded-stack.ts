import { join } from 'node:path';
import type { ServiceName } from '@jobpipe/contracts';
import { createEmbeddedPorts, type Logger } from '@jobpipe/shared';
import { buildStackBundles } from '../build/stack-bundles.js';
import type { ConfigFile } from '../config/config-file.js';
import { SeedRecord } from '../config/config-seed.js';
import { CrmApiClient } from './api-client.js';
import { startConfigReplay } from './config-replay.js';
import { type StoredConfig, seedConfigFromFile } from './config-seeding.js';
import { resumeBlobKeyOf, scraperEnvWithJobSite, startDemoJobSite } from './demo-job-site.js';
import { PipelineProgress } from './pipeline-progress.js';
import type { ProcessLayout } from './process-layout.js';
import { EmbeddedScheduler } from './scheduler.js';
import { embeddedServiceProcesses } from './service-processes.js';
import { stackApiKey } from './stack-api-key.js';
import { StoredConfigFollower } from './stored-config-follower.js';
import { type ServiceCrash, Supervisor } from './supervisor.js';

/** Everything `jobpipe up` runs, started and stoppable as one. */
export interface EmbeddedStack {
  readonly supervisor: Supervisor;
  readonly api: CrmApiClient;
  readonly apiKey: string;
  readonly progress: PipelineProgress;
  readonly scheduler: EmbeddedScheduler;
  readonly replayUrl: string | undefined;
  /** The local test job site of the demo, with the site name it is configured as. */
  readonly jobSite: { readonly url: string; readonly site: string } | undefined;
  /** Messages the processes of an earlier run still held when they died (kill -9), released at start, per queue. */
  readonly releasedAtStart: ReadonlyMap<string, number>;
  stop(): Promise<void>;
}

/** Options of the embedded stack. */
export interface EmbeddedStackOptions {
  readonly repoRoot: string;
  readonly dataDir: string;
  readonly secretKey: string;
  readonly apiPort: number;
  readonly config: ConfigFile;
  readonly env: Readonly<Record<string, string>>;
  readonly logger: Logger;
  readonly restartPolicy?: { initialMs: number; maxMs: number; healthyAfterMs: number };
  /** Told when a service process crashes (before it is restarted). */
  readonly onCrash?: (crash: ServiceCrash) => void;
  /** First health/metrics port of the services (default 3101; 0 picks free ports, for tests). */
  readonly healthPortBase?: number;
  /** Which services share a process (default DEFAULT_LAYOUT). */
  readonly layout?: ProcessLayout;
}

/**
 * Starts the embedded stack: the replay source (offline demo data), the test job site (the demo's
 * site to apply to, its account in the secret store), the services in supervised
 * processes as the layout groups them (their bundles built first when a source changed) after
 * releasing the messages the processes of a killed earlier run still held, the crm-api, the config
 * seeded from the config file when that file changed since it was last seeded, and the scheduler,
 * which follows the stored config (changes saved through the API included).
 */
export async function startEmbeddedStack(options: EmbeddedStackOptions): Promise<EmbeddedStack> {
  await buildStackBundles(options.repoRoot);
  const ports = createEmbeddedPorts({ dataDir: options.dataDir, secretKey: options.secretKey }, 'scheduler', { checkTableWrites: false });
  // Before any service starts: what the dead processes of the last run held is visible again at once.
  const releasedAtStart = ports.bus.releaseClaimsOfDeadProcesses();
  const replay = options.config.replay.enabled ? await startConfigReplay(options.config) : undefined;
  const jobSiteSettings = options.config.jobSite;
  const jobSite = jobSiteSettings.enabled
    ? await startDemoJobSite(
        { port: jobSiteSettings.port, site: jobSiteSettings.site, resumeBlobKey: resumeBlobKeyOf(options.config) },
        ports.secrets(),
        ports.blobs,
      )
    : undefined;
  const serviceEnv: Partial<Record<ServiceName, Record<string, string>>> = {
    'crm-api': { JOBPIPE_API_PORT: String(options.apiPort) },
    scraper: scraperEnvWithJobSite(replay?.scraperEnv(), jobSite),
  };
  const apiUrl = `http://127.0.0.1:${options.apiPort}`;
  const apiKey = await stackApiKey(ports, 'jobpipe up (local)');
  const supervisor = new Supervisor(
    embeddedServiceProcesses({
      repoRoot: options.repoRoot,
      dataDir: options.dataDir,
      env: { ...options.env, JOBPIPE_SECRET_KEY: options.secretKey },
      healthPortBase: options.healthPortBase,
      serviceEnv,
      ...(options.layout ? { layout: options.layout } : {}),
    }),
    {
      stateFile: join(options.dataDir, 'supervisor.json'),
      policy: options.restartPolicy ?? { initialMs: 500, maxMs: 30_000, healthyAfterMs: 30_000 },
      apiUrl,
      ...(options.onCrash ? { onCrash: options.onCrash } : {}),
    },
  );
  supervisor.start();
  const api = new CrmApiClient(apiUrl, apiKey);
  const scheduler = new EmbeddedScheduler(ports.publisher, options.logger);
  const progress = new PipelineProgress(ports.bus);
  let stored: StoredConfig;
  try {
    await api.waitUntilHealthy(60_000);
    stored = await seedConfigFromFile(api, options.config.pipeline, new SeedRecord(join(options.dataDir, 'config-seed.json')));
  } catch (error) {
    await supervisor.stop(2_000);
    await replay?.close();
    await jobSite?.close();
    await ports.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${reason}; the services' logs are in ${join(options.dataDir, 'logs')}`);
  }
  scheduler.start(stored.config);
  const follower = new StoredConfigFollower(api, stored, (config) => scheduler.follow(config), options.logger);
  follower.start();
  return {
    supervisor,
    api,
    apiKey,
    progress,
    scheduler,
    replayUrl: replay?.origin,
    jobSite: jobSite && { url: jobSite.url, site: jobSiteSettings.site },
    releasedAtStart,
    async stop() {
      follower.stop();
      scheduler.stop();
      await supervisor.stop();
      await replay?.close();
      await jobSite?.close();
      await ports.close();
    },
  };
}
