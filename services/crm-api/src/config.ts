import { type Environment, type EnvSchema, type RuntimeConfig, readEnvConfig, readRuntimeConfig } from '@jobpipe/shared';

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

/** crm-api's own environment variables (JSON Schema; the table in docs/running.md comes from it). */
export const CRM_API_ENV_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'crm-api',
  type: 'object',
  properties: {
    JOBPIPE_API_PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000, description: 'port of the REST API (0 picks one)' },
    JOBPIPE_API_HOST: { type: 'string', default: '127.0.0.1', description: 'interface the API listens on' },
    JOBPIPE_API_RATE_LIMIT: {
      type: 'integer',
      minimum: 1,
      maximum: 10_000_000,
      default: 600,
      description: 'requests per minute allowed per API key',
    },
    JOBPIPE_API_INSIGHTS_CACHE_SECONDS: {
      type: 'integer',
      minimum: 0,
      maximum: 86_400,
      default: 30,
      description: 'seconds an insights answer is cached',
    },
  },
} as const satisfies EnvSchema;

/** Reads and validates the crm-api settings (the caller passes process.env). */
export function readCrmApiConfig(env: Environment): CrmApiConfig {
  const values = readEnvConfig(CRM_API_ENV_SCHEMA, env);
  return Object.freeze({
    runtime: readRuntimeConfig(env),
    port: values.JOBPIPE_API_PORT,
    host: values.JOBPIPE_API_HOST,
    rateLimitPerMinute: values.JOBPIPE_API_RATE_LIMIT,
    insightsCacheSeconds: values.JOBPIPE_API_INSIGHTS_CACHE_SECONDS,
  });
}
