import { join } from 'node:path';
import { ConfigError, type Environment, type EnvSchema, type RuntimeConfig, readEnvConfig, readRuntimeConfig } from '@jobpipe/shared';
import { SCHEMA_NAME_PATTERN } from './db/connections.js';

/** Settings of the etl service. */
export interface EtlConfig {
  readonly runtime: RuntimeConfig;
  /** Where the analytics schema lives. */
  readonly target: 'sqlite' | 'postgres';
  /** The live SQLite file (default `<dataDir>/analytics.sqlite`). */
  readonly sqlitePath: string;
  /** PostgreSQL connection string (target 'postgres' only; never logged). */
  readonly postgresUrl: string | undefined;
  /** PostgreSQL schema of the live analytics tables. */
  readonly postgresSchema: string;
  /** Items per page when a rebuild streams the operational tables. */
  readonly pageSize: number;
}

/** The etl's own environment variables (JSON Schema; the table in docs/running.md comes from it). */
export const ETL_ENV_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'etl',
  type: 'object',
  properties: {
    JOBPIPE_ETL_TARGET: {
      type: 'string',
      enum: ['sqlite', 'postgres'],
      default: 'sqlite',
      description: 'where the analytics schema lives',
    },
    JOBPIPE_ETL_SQLITE_PATH: { type: 'string', description: 'the live SQLite file (default <data dir>/analytics.sqlite)' },
    JOBPIPE_ETL_POSTGRES_URL: { type: 'string', description: 'PostgreSQL connection string; required with target postgres (never logged)' },
    JOBPIPE_ETL_POSTGRES_SCHEMA: {
      type: 'string',
      pattern: SCHEMA_NAME_PATTERN.source,
      default: 'analytics',
      description: 'a plain lower-case PostgreSQL schema name for the analytics tables',
    },
    JOBPIPE_ETL_PAGE_SIZE: {
      type: 'integer',
      minimum: 1,
      maximum: 10_000,
      default: 1000,
      description: 'items per page when a rebuild streams the operational tables',
    },
  },
} as const satisfies EnvSchema;

/** Reads and validates the etl settings (`JOBPIPE_ETL_*`) plus the runtime ones. */
export function readEtlConfig(env: Environment): EtlConfig {
  const runtime = readRuntimeConfig(env);
  const values = readEnvConfig(ETL_ENV_SCHEMA, env, { secret: ['JOBPIPE_ETL_POSTGRES_URL'] });
  if (values.JOBPIPE_ETL_TARGET === 'postgres' && !values.JOBPIPE_ETL_POSTGRES_URL)
    throw new ConfigError('JOBPIPE_ETL_POSTGRES_URL is required when JOBPIPE_ETL_TARGET=postgres');
  return Object.freeze({
    runtime,
    target: values.JOBPIPE_ETL_TARGET,
    sqlitePath: values.JOBPIPE_ETL_SQLITE_PATH ?? join(runtime.dataDir, 'analytics.sqlite'),
    postgresUrl: values.JOBPIPE_ETL_POSTGRES_URL,
    postgresSchema: values.JOBPIPE_ETL_POSTGRES_SCHEMA,
    pageSize: values.JOBPIPE_ETL_PAGE_SIZE,
  });
}
