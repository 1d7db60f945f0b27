/**
 * @jobpipe/etl — denormalizes the operational tables and events into an analytics schema (Kysely over
 * a SQLite file, or PostgreSQL), keeps it current from events, rebuilds it on request with an atomic
 * swap, and publishes SQLite snapshots for crm-api's reports.
 */
export type { AnalyticsTarget, RebuildSlot } from './adapters/analytics-target.js';
export { PostgresAnalyticsTarget } from './adapters/postgres-target.js';
export { SqliteAnalyticsTarget } from './adapters/sqlite-target.js';
export { createAnalyticsTarget, createEtlHandlers, type EtlPorts, type EtlService, runFullRebuild } from './app.js';
export { type EtlConfig, readEtlConfig } from './config.js';
export { openPostgresAnalytics, openSqliteAnalytics } from './db/connections.js';
export { ANALYTICS_MIGRATIONS, migrateToLatest } from './db/migrations.js';
export { type ReportResults, readReports } from './db/reports.js';
export type * from './domain/analytics-rows.js';
export { loadedJobOf, normalizeSkills, type StoredJob } from './domain/job-facts.js';
export { AnalyticsWarehouse, type PublishedSnapshot, snapshotBlobKey } from './warehouse.js';
