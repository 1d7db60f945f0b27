import { join } from 'node:path';
import { SERVICE_NAMES, type ServiceName } from '@jobpipe/contracts';
import { serviceEntryFile } from '../build/stack-bundles.js';
import type { ProcessSpec } from './supervisor.js';

/** First port of the services' /health and /metrics endpoints (one per service, in topology order). */
export const HEALTH_PORT_BASE = 3101;

/** The health/metrics port of a service. */
export function healthPortOf(service: ServiceName, base = HEALTH_PORT_BASE): number {
  return base + SERVICE_NAMES.indexOf(service);
}

/**
 * V8 flags of every process of the stack (the services here; `npm start` gives the supervisor the same):
 * at most 2 MB per semi-space of the young generation. V8 grows it to 16 MB by default, which these
 * processes (small messages, short handlers) keep mostly empty: 10 to 25 MB of resident memory each.
 */
export const STACK_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];

/** Process specs of every service on the embedded transport: plain node on its bundle (see `buildBundles`). */
export function embeddedServiceProcesses(options: {
  repoRoot: string;
  dataDir: string;
  env: Readonly<Record<string, string>>;
  /** First health port (default 3101); 0 lets every service pick a free port. */
  healthPortBase?: number;
  /** Extra environment per service (e.g. the scraper's replay base URLs). */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
}): ProcessSpec[] {
  return SERVICE_NAMES.map((service) => ({
    name: service,
    command: process.execPath,
    args: [...STACK_NODE_FLAGS, serviceEntryFile(options.repoRoot, service)],
    cwd: options.repoRoot,
    logFile: join(options.dataDir, 'logs', `${service}.log`),
    env: {
      ...options.env,
      JOBPIPE_TRANSPORT: 'embedded',
      JOBPIPE_DATA_DIR: options.dataDir,
      JOBPIPE_HEALTH_PORT: options.healthPortBase === 0 ? '0' : String(healthPortOf(service, options.healthPortBase)),
      ...options.serviceEnv?.[service],
    },
  }));
}
