import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type AnalyticsDatabase, withStatementCache } from '@jobpipe/shared';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';

/**
 * Opens an analytics SQLite file. `bulk` is for a file being built from scratch and renamed in when
 * done: no journal and no syncs, since a crash only loses a file that is thrown away anyway. The live
 * file uses WAL with synchronous=NORMAL: etl commits once per handled event, and a rollback journal
 * synced the disk on every commit (about 16 ms each on a loaded machine, blocking the event loop of
 * the process etl shares with crm-api). WAL keeps every commit across a crash of the process and syncs
 * only at checkpoints.
 */
export function openSqliteAnalytics(path: string, options: { bulk?: boolean } = {}): Kysely<AnalyticsDatabase> {
  mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  if (options.bulk) {
    database.pragma('journal_mode = OFF');
    database.pragma('synchronous = OFF');
    database.pragma('cache_size = -16384');
  } else {
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 10000');
  }
  return new Kysely<AnalyticsDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}

/** The names this service uses unquoted as PostgreSQL schema names. */
export const SCHEMA_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,50}$/;

/** Whether a name can be used unquoted as a PostgreSQL schema name. */
export function isSchemaName(name: string): boolean {
  return SCHEMA_NAME_PATTERN.test(name);
}

/**
 * Opens a PostgreSQL pool whose connections look up unqualified names in `schema` first, so the same
 * Kysely code and the same view SQL work on the live schema and on a rebuild schema.
 */
export function openPostgresAnalytics(connectionString: string, schema: string): Kysely<AnalyticsDatabase> {
  if (!isSchemaName(schema)) throw new Error(`'${schema}' is not a valid PostgreSQL schema name`);
  const pool = new pg.Pool({ connectionString, options: `-c search_path=${schema}`, max: 4 });
  return new Kysely<AnalyticsDatabase>({ dialect: new PostgresDialect({ pool }) });
}
