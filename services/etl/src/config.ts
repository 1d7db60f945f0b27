import { join } from 'node:path';
import { ConfigError, type RuntimeConfig, readRuntimeConfig } from '@jobpipe/shared';
import { isSchemaName } from './db/connections.js';

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

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and validates the etl settings (`JOBPIPE_ETL_*`) plus the runtime ones. */
export function readEtlConfig(env: Env): EtlConfig {
  const runtime = readRuntimeConfig(env);
  const target = env.JOBPIPE_ETL_TARGET ?? 'sqlite';
  if (target !== 'sqlite' && target !== 'postgres')
    throw new ConfigError(`JOBPIPE_ETL_TARGET='${target}' is not valid: use sqlite or postgres`);
  const postgresUrl = env.JOBPIPE_ETL_POSTGRES_URL || undefined;
  if (target === 'postgres' && !postgresUrl) throw new ConfigError('JOBPIPE_ETL_POSTGRES_URL is required when JOBPIPE_ETL_TARGET=postgres');
  const postgresSchema = env.JOBPIPE_ETL_POSTGRES_SCHEMA ?? 'analytics';
  if (!isSchemaName(postgresSchema))
    throw new ConfigError(`JOBPIPE_ETL_POSTGRES_SCHEMA='${postgresSchema}' is not a plain lower-case schema name`);
  const pageSize = Number(env.JOBPIPE_ETL_PAGE_SIZE ?? 1000);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000) {
    throw new ConfigError(`JOBPIPE_ETL_PAGE_SIZE='${env.JOBPIPE_ETL_PAGE_SIZE}' is not an integer between 1 and 10000`);
  }
  return Object.freeze({
    runtime,
    target,
    sqlitePath: env.JOBPIPE_ETL_SQLITE_PATH ?? join(runtime.dataDir, 'analytics.sqlite'),
    postgresUrl,
    postgresSchema,
    pageSize,
  });
}
