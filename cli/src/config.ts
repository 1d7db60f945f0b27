import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type RuntimeConfig, readRuntimeConfig } from '@jobpipe/shared';
import { config as loadDotenv } from 'dotenv';

/** Repository root (where jobpipe.config.yaml and .env live). */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** The CLI's settings from the environment (the only file of the CLI that reads process.env). */
export interface CliEnvironment {
  readonly runtime: RuntimeConfig;
  readonly configPath: string;
  /** Overrides the config file's API port. */
  readonly apiPort: number | undefined;
  /** First health/metrics port of the services (`JOBPIPE_HEALTH_PORT_BASE`; 0 picks free ports). */
  readonly healthPortBase: number | undefined;
  /** The whole environment, passed on to the service processes the CLI starts. */
  readonly passThrough: Readonly<Record<string, string>>;
}

/** Loads `.env` (local secrets such as JOBPIPE_SECRET_KEY) and reads the CLI environment. */
export function readCliEnvironment(): CliEnvironment {
  const dotenvPath = join(REPO_ROOT, '.env');
  if (existsSync(dotenvPath)) loadDotenv({ path: dotenvPath, quiet: true } as never);
  const env = process.env;
  const apiPort = env.JOBPIPE_API_PORT === undefined ? undefined : Number(env.JOBPIPE_API_PORT);
  const healthPortBase = env.JOBPIPE_HEALTH_PORT_BASE === undefined ? undefined : Number(env.JOBPIPE_HEALTH_PORT_BASE);
  return {
    runtime: readRuntimeConfig({ ...env, JOBPIPE_DATA_DIR: env.JOBPIPE_DATA_DIR ?? join(REPO_ROOT, 'data') }),
    configPath: resolve(env.JOBPIPE_CONFIG ?? join(REPO_ROOT, 'jobpipe.config.yaml')),
    apiPort: Number.isInteger(apiPort) ? apiPort : undefined,
    healthPortBase: Number.isInteger(healthPortBase) ? healthPortBase : undefined,
    passThrough: Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined)),
  };
}
