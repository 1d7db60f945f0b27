import { join } from 'node:path';
import { SERVICE_NAMES, type ServiceName } from '@jobpipe/contracts';
import { serviceEntryFile, serviceGroupEntryFile } from '../build/stack-bundles.js';
import { DEFAULT_LAYOUT, type ProcessLayout } from './process-layout.js';
import { GROUP_SERVICE_ENV } from './service-definitions.js';
import type { ProcessSpec } from './supervisor.js';

/** First port of the services' /health and /metrics endpoints (one per service, in topology order). */
export const HEALTH_PORT_BASE = 3101;

/** The health/metrics port of a service. */
export function healthPortOf(service: ServiceName, base = HEALTH_PORT_BASE): number {
  return base + SERVICE_NAMES.indexOf(service);
}

/**
 * V8 flags of every process of the stack (the services here; `npm start` gives the supervisor the same,
 * which a test checks). The processes live all day and wait most of it, so they trade a little speed
 * for memory; `npm run bench -- stack` measures both (idle and busy RSS, and the time to score 2,000
 * postings, which these flags did not change):
 * - `--max-semi-space-size=2`: at most 2 MB per semi-space of the young generation. V8 grows it to
 *   16 MB by default, which these processes (small messages, short handlers) keep mostly empty.
 * - `--optimize-for-size`: V8's memory-saving mode (smaller heap growth, earlier bytecode flushing).
 * - `--interrupt-budget=675840` (10 times V8 11's default): a function is optimized by TurboFan only
 *   after ten times as much work. Start-up code (module loading, route and schema set-up) no longer
 *   gets optimized just to run once, while the per-message code of a busy service still is within its
 *   first few hundred messages.
 */
export const STACK_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--optimize-for-size', '--interrupt-budget=675840'];

/**
 * Services that spend their time waiting on a browser or a remote API: their JavaScript is glue, so
 * they run without TurboFan (`--no-opt`; V8's baseline compiler still compiles their hot code), which
 * saves each about 4 MB of compiler memory and machine code.
 */
const WAITING_SERVICES: ReadonlySet<ServiceName> = new Set(['applier', 'auth-refresher', 'sheets-bridge']);

/** The node flags of one service's process. */
export function nodeFlagsOf(service: ServiceName): string[] {
  return [...STACK_NODE_FLAGS, ...(WAITING_SERVICES.has(service) ? ['--no-opt'] : [])];
}

/** The node flags of a process running a group of services: `--no-opt` only when every member waits. */
function nodeFlagsOfGroup(services: readonly ServiceName[]): string[] {
  return [...STACK_NODE_FLAGS, ...(services.every((service) => WAITING_SERVICES.has(service)) ? ['--no-opt'] : [])];
}

/**
 * Process specs of every service on the embedded transport, one per group of the layout: a group of
 * one runs plain node on its service's bundle (see `buildBundles`), a larger group the group entry
 * (`service-group-main`), which starts each member with the settings it would get alone.
 */
export function embeddedServiceProcesses(options: {
  repoRoot: string;
  dataDir: string;
  env: Readonly<Record<string, string>>;
  /** Which services share a process (default DEFAULT_LAYOUT). */
  layout?: ProcessLayout;
  /** First health port (default 3101); 0 lets every service pick a free port. */
  healthPortBase?: number;
  /** Extra environment per service (e.g. the scraper's replay base URLs). */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
}): ProcessSpec[] {
  const ownEnv = (service: ServiceName): Record<string, string> => ({
    JOBPIPE_HEALTH_PORT: options.healthPortBase === 0 ? '0' : String(healthPortOf(service, options.healthPortBase)),
    ...options.serviceEnv?.[service],
  });
  const common = { ...options.env, JOBPIPE_TRANSPORT: 'embedded', JOBPIPE_DATA_DIR: options.dataDir };
  return (options.layout ?? DEFAULT_LAYOUT).map((services) => {
    const name = services.join('+');
    const logFile = join(options.dataDir, 'logs', `${name}.log`);
    if (services.length === 1) {
      const service = services[0]!;
      return {
        name,
        services,
        command: process.execPath,
        args: [...nodeFlagsOf(service), serviceEntryFile(options.repoRoot, service)],
        cwd: options.repoRoot,
        logFile,
        env: { ...common, ...ownEnv(service) },
      };
    }
    return {
      name,
      services,
      command: process.execPath,
      args: [...nodeFlagsOfGroup(services), serviceGroupEntryFile(options.repoRoot), ...services],
      cwd: options.repoRoot,
      logFile,
      env: { ...common, [GROUP_SERVICE_ENV]: JSON.stringify(Object.fromEntries(services.map((service) => [service, ownEnv(service)]))) },
    };
  });
}
