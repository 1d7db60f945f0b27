import { ConfigError, type RuntimeConfig, readRuntimeConfig } from '@jobpipe/shared';

/** Settings of the crm-api process. */
export interface CrmApiConfig {
  readonly runtime: RuntimeConfig;
  /** Port of the REST API (JOBPIPE_API_PORT, default 3000; 0 picks a free port). */
  readonly port: number;
  /** Interface the API listens on (JOBPIPE_API_HOST, default 127.0.0.1). */
  readonly host: string;
  /** Requests per minute allowed per API key (JOBPIPE_API_RATE_LIMIT, default 600). */
  readonly rateLimitPerMinute: number;
  /** Seconds an insights answer is cached (JOBPIPE_API_INSIGHTS_CACHE_SECONDS, default 30). */
  readonly insightsCacheSeconds: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}='${raw}' is not valid: use a whole number from ${min} to ${max}`);
  }
  return value;
}

/** Reads and validates the crm-api settings (the caller passes process.env). */
export function readCrmApiConfig(env: Env): CrmApiConfig {
  return Object.freeze({
    runtime: readRuntimeConfig(env),
    port: integer(env, 'JOBPIPE_API_PORT', 3000, 0, 65535),
    host: env.JOBPIPE_API_HOST || '127.0.0.1',
    rateLimitPerMinute: integer(env, 'JOBPIPE_API_RATE_LIMIT', 600, 1, 10_000_000),
    insightsCacheSeconds: integer(env, 'JOBPIPE_API_INSIGHTS_CACHE_SECONDS', 30, 0, 86_400),
  });
}
