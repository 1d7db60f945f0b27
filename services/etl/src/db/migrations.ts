import { CRM_STAGES } from '@jobpipe/contracts';
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { CREATE_LIFECYCLE_VIEWS, DROP_LIFECYCLE_VIEWS } from './lifecycle-views.js';
import { CREATE_REPORT_VIEWS, DROP_REPORT_VIEWS, FUNNEL } from './report-views.js';

/** Tables and indexes of the analytics schema, plus the stage dimension. */
const analyticsTables: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('fact_jobs')
      .addColumn('job_id', 'text', (column) => column.primaryKey())
      .addColumn('title', 'text')
      .addColumn('company', 'text')
      .addColumn('source', 'text', (column) => column.notNull())
      .addColumn('canonical_url', 'text')
      .addColumn('canonical_job_id', 'text')
      .addColumn('track', 'text')
      .addColumn('score', 'double precision')
      .addColumn('scored_at', 'text')
      .addColumn('stage', 'text')
      .addColumn('closed_reason', 'text')
      .addColumn('stage_changed_at', 'text')
      .addColumn('remote', 'integer')
      .addColumn('employment_type', 'text')
      .addColumn('seniority', 'text')
      .addColumn('salary_annual_min', 'double precision')
      .addColumn('salary_annual_max', 'double precision')
      .addColumn('salary_currency', 'text')
      .addColumn('salary_annual_usd_min', 'double precision')
      .addColumn('salary_annual_usd_max', 'double precision')
      .addColumn('experience_years_min', 'double precision')
      .addColumn('experience_years_max', 'double precision')
      .addColumn('posted_at', 'text')
      .addColumn('first_seen_at', 'text')
      .addColumn('last_seen_at', 'text')
      .addColumn('content_hash', 'text')
      .execute();
    await db.schema
      .createTable('bridge_job_skills')
      .addColumn('job_id', 'text', (column) => column.notNull())
      .addColumn('skill', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('bridge_job_skills_pk', ['job_id', 'skill'])
      .execute();
    await db.schema.createIndex('bridge_job_skills_by_skill').on('bridge_job_skills').columns(['skill', 'job_id']).execute();
    await db.schema
      .createTable('stage_changes')
      .addColumn('change_key', 'text', (column) => column.primaryKey())
      .addColumn('job_id', 'text', (column) => column.notNull())
      .addColumn('from_stage', 'text')
      .addColumn('to_stage', 'text', (column) => column.notNull())
      .addColumn('closed_reason', 'text')
      .addColumn('changed_by', 'text', (column) => column.notNull())
      .addColumn('changed_at', 'text', (column) => column.notNull())
      .addColumn('changed_at_days', 'double precision', (column) => column.notNull())
      .addColumn('note', 'text')
      .execute();
    await db.schema.createIndex('stage_changes_by_job').on('stage_changes').columns(['job_id', 'changed_at']).execute();
    await db.schema
      .createTable('applications')
      .addColumn('application_id', 'text', (column) => column.primaryKey())
      .addColumn('job_id', 'text', (column) => column.notNull())
      .addColumn('site', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('dry_run', 'integer', (column) => column.notNull())
      .addColumn('outcome_at', 'text', (column) => column.notNull())
      .addColumn('failure_code', 'text')
      .addColumn('needs_user', 'integer')
      .execute();
    await db.schema
      .createTable('daily_snapshots')
      .addColumn('day', 'text', (column) => column.notNull())
      .addColumn('stage', 'text', (column) => column.notNull())
      .addColumn('jobs', 'integer', (column) => column.notNull())
      .addColumn('avg_score', 'double precision')
      .addColumn('taken_at', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('daily_snapshots_pk', ['day', 'stage'])
      .execute();
    await db.schema
      .createTable('dim_stages')
      .addColumn('stage', 'text', (column) => column.primaryKey())
      .addColumn('stage_rank', 'integer', (column) => column.notNull())
      .addColumn('is_open', 'integer', (column) => column.notNull())
      .execute();
    for (const [index, stage] of CRM_STAGES.entries()) {
      await sql`INSERT INTO dim_stages (stage, stage_rank, is_open) VALUES (${stage}, ${index + 1}, ${stage === 'closed' ? 0 : 1})`.execute(
        db,
      );
    }
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['dim_stages', 'daily_snapshots', 'applications', 'stage_changes', 'bridge_job_skills', 'fact_jobs']) {
      await db.schema.dropTable(table).execute();
    }
  },
};

/** The report views (see report-views.ts). */
const reportViews: Migration = {
  async up(db: Kysely<unknown>) {
    for (const statement of CREATE_REPORT_VIEWS) await sql.raw(statement).execute(db);
  },
  async down(db: Kysely<unknown>) {
    for (const view of DROP_REPORT_VIEWS) await sql.raw(`DROP VIEW IF EXISTS ${view}`).execute(db);
  },
};

const MS_PER_DAY = 86_400_000;

/** Fills the epoch-day columns of the jobs loaded before they existed (both dialects: computed here, not in SQL). */
async function backfillSightingDays(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ job_id: string; first_seen_at: string; last_seen_at: string }>`
    SELECT job_id, first_seen_at, last_seen_at FROM fact_jobs WHERE first_seen_at IS NOT NULL AND last_seen_at IS NOT NULL`.execute(db);
  for (const row of rows) {
    await sql`UPDATE fact_jobs SET first_seen_days = ${Date.parse(row.first_seen_at) / MS_PER_DAY},
      last_seen_days = ${Date.parse(row.last_seen_at) / MS_PER_DAY} WHERE job_id = ${row.job_id}`.execute(db);
  }
}

/**
 * The job lifecycle: sighting days on the jobs, each job's open/closed state and ghost-risk flags, the
 * lifecycle report views, and the funnel again (it gained its `advanced` count).
 */
const lifecycle: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('fact_jobs').addColumn('first_seen_days', 'double precision').execute();
    await db.schema.alterTable('fact_jobs').addColumn('last_seen_days', 'double precision').execute();
    await backfillSightingDays(db);
    await db.schema
      .createTable('job_lifecycle')
      .addColumn('job_id', 'text', (column) => column.primaryKey())
      .addColumn('source', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('status_at', 'text', (column) => column.notNull())
      .addColumn('first_seen_at', 'text')
      .addColumn('first_seen_days', 'double precision')
      .addColumn('closed_at', 'text')
      .addColumn('closed_at_days', 'double precision')
      .addColumn('close_reason', 'text')
      .addColumn('days_to_close', 'double precision')
      .execute();
    await db.schema
      .createTable('job_flag_sets')
      .addColumn('job_id', 'text', (column) => column.primaryKey())
      .addColumn('flagged_at', 'text', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('job_ghost_flags')
      .addColumn('job_id', 'text', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('since', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('job_ghost_flags_pk', ['job_id', 'kind'])
      .execute();
    await sql.raw('DROP VIEW report_funnel').execute(db);
    await sql.raw(FUNNEL).execute(db);
    for (const statement of CREATE_LIFECYCLE_VIEWS) await sql.raw(statement).execute(db);
  },
  async down(db: Kysely<unknown>) {
    for (const view of DROP_LIFECYCLE_VIEWS) await sql.raw(`DROP VIEW IF EXISTS ${view}`).execute(db);
    for (const table of ['job_ghost_flags', 'job_flag_sets', 'job_lifecycle']) await db.schema.dropTable(table).execute();
    await db.schema.alterTable('fact_jobs').dropColumn('last_seen_days').execute();
    await db.schema.alterTable('fact_jobs').dropColumn('first_seen_days').execute();
  },
};

/** Every migration of the analytics schema, by name (applied in name order). */
export const ANALYTICS_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_analytics_tables': analyticsTables,
  '0002_report_views': reportViews,
  '0003_lifecycle': lifecycle,
};

const provider: MigrationProvider = { getMigrations: async () => ({ ...ANALYTICS_MIGRATIONS }) };

/**
 * Brings an analytics database to the latest schema: a SQLite file, or (with `schema`) the PostgreSQL
 * schema first on the connection's search path, which then also holds the migration bookkeeping.
 */
export async function migrateToLatest<Database>(db: Kysely<Database>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`analytics migration '${failed}' failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
