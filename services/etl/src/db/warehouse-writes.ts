import type { AnalyticsDatabase, ApplicationRow, JobSkillRow, StageChangeRow } from '@jobpipe/shared';
import { type Compilable, CompiledQuery, type DialectAdapter, type Kysely, sql, type Transaction } from 'kysely';
import type { LoadedJob, ScoreFact, StageFact } from '../domain/analytics-rows.js';

/** A database or a transaction on it. */
export type Db = Kysely<AnalyticsDatabase> | Transaction<AnalyticsDatabase>;

/** Parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;
/** Rows per multi-row statement: big enough to amortize a statement, small enough to reuse its SQL. */
const ROWS_PER_STATEMENT = 500;

/** Rows split into statements that stay under both dialects' parameter limits. */
export function chunked<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns)));
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += size) chunks.push(rows.slice(start, start + size));
  return chunks;
}

/** SQL text of multi-row statements by shape, per dialect: Kysely compiles each shape once. */
const statementCache = new WeakMap<DialectAdapter, Map<string, string>>();

/**
 * Runs a multi-row statement built by `build`, reusing the SQL compiled for an earlier chunk of the same
 * shape (statement, columns, row count) with this chunk's values. Rows must all have the same keys, and
 * the statement must take no parameters besides the row values (checked on first compile).
 */
export async function executeRows<Row extends object>(
  db: Db,
  statement: string,
  rows: readonly Row[],
  build: (rows: readonly Row[]) => Compilable,
): Promise<void> {
  const columns = Object.keys(rows[0]!) as (keyof Row)[];
  const adapter = db.getExecutor().adapter;
  const cache = statementCache.get(adapter) ?? new Map<string, string>();
  statementCache.set(adapter, cache);
  const key = `${statement}|${columns.join(',')}|${rows.length}`;
  const parameters = rows.flatMap((row) => columns.map((column) => row[column]));
  let text = cache.get(key);
  if (text === undefined) {
    const compiled = build(rows).compile();
    if (compiled.parameters.length !== parameters.length) throw new Error(`statement '${statement}' takes parameters besides its rows`);
    text = compiled.sql;
    cache.set(key, text);
  }
  await db.executeQuery(CompiledQuery.raw(text, parameters));
}

function skillRowsOf(jobs: readonly LoadedJob[]): JobSkillRow[] {
  return jobs.flatMap((job) => job.skills.map((skill) => ({ job_id: job.fact.job_id, skill })));
}

async function insertSkills(db: Db, jobs: readonly LoadedJob[]): Promise<void> {
  for (const chunk of chunked(skillRowsOf(jobs), 2)) {
    await executeRows(db, 'insert skills', chunk, (rows) => db.insertInto('bridge_job_skills').values([...rows]));
  }
}

/** An upserted version moves the first sighting only earlier (a relisting's age counts from its first listing). */
const earlierFirstSighting = sql`fact_jobs.first_seen_at IS NULL OR excluded.first_seen_at < fact_jobs.first_seen_at`;

/** Loads jobs into an empty schema (the full rebuild): plain inserts, no conflict handling. */
export async function insertNewJobs(db: Db, jobs: readonly LoadedJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const facts = jobs.map((job) => job.fact);
  for (const chunk of chunked(facts, Object.keys(facts[0]!).length)) {
    await executeRows(db, 'insert jobs', chunk, (rows) => db.insertInto('fact_jobs').values([...rows]));
  }
  await insertSkills(db, jobs);
}

/**
 * Upserts parsed jobs: a job's attributes and skills are replaced only by a version seen at the same
 * time or later (events may arrive out of order and more than once); score and stage are kept.
 */
export async function upsertJobs(db: Kysely<AnalyticsDatabase>, jobs: readonly LoadedJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await db.transaction().execute(async (trx) => {
    const existing = new Map<string, string | null>();
    for (const chunk of chunked(jobs, 1)) {
      const rows = await trx
        .selectFrom('fact_jobs')
        .select(['job_id', 'last_seen_at'])
        .where(
          'job_id',
          'in',
          chunk.map((job) => job.fact.job_id),
        )
        .execute();
      for (const row of rows) existing.set(row.job_id, row.last_seen_at);
    }
    const newer = jobs.filter((job) => {
      const seen = existing.get(job.fact.job_id);
      return seen === undefined || seen === null || job.fact.last_seen_at >= seen;
    });
    if (newer.length === 0) return;
    const facts = newer.map((job) => job.fact);
    for (const chunk of chunked(facts, Object.keys(facts[0]!).length)) {
      await trx
        .insertInto('fact_jobs')
        .values(chunk)
        .onConflict((conflict) =>
          conflict
            .column('job_id')
            .doUpdateSet((eb) => ({
              title: eb.ref('excluded.title'),
              company: eb.ref('excluded.company'),
              source: eb.ref('excluded.source'),
              canonical_url: eb.ref('excluded.canonical_url'),
              canonical_job_id: eb.ref('excluded.canonical_job_id'),
              remote: eb.ref('excluded.remote'),
              employment_type: eb.ref('excluded.employment_type'),
              seniority: eb.ref('excluded.seniority'),
              salary_annual_min: eb.ref('excluded.salary_annual_min'),
              salary_annual_max: eb.ref('excluded.salary_annual_max'),
              salary_currency: eb.ref('excluded.salary_currency'),
              salary_annual_usd_min: eb.ref('excluded.salary_annual_usd_min'),
              salary_annual_usd_max: eb.ref('excluded.salary_annual_usd_max'),
              experience_years_min: eb.ref('excluded.experience_years_min'),
              experience_years_max: eb.ref('excluded.experience_years_max'),
              posted_at: eb.ref('excluded.posted_at'),
              first_seen_at: sql<string>`CASE WHEN ${earlierFirstSighting} THEN excluded.first_seen_at ELSE fact_jobs.first_seen_at END`,
              first_seen_days: sql<number>`CASE WHEN ${earlierFirstSighting} THEN excluded.first_seen_days ELSE fact_jobs.first_seen_days END`,
              last_seen_at: eb.ref('excluded.last_seen_at'),
              last_seen_days: eb.ref('excluded.last_seen_days'),
              content_hash: eb.ref('excluded.content_hash'),
            }))
            .where((eb) =>
              eb.or([eb('fact_jobs.last_seen_at', 'is', null), eb('excluded.last_seen_at', '>=', eb.ref('fact_jobs.last_seen_at'))]),
            ),
        )
        .execute();
    }
    for (const chunk of chunked(newer, 1)) {
      await trx
        .deleteFrom('bridge_job_skills')
        .where(
          'job_id',
          'in',
          chunk.map((job) => job.fact.job_id),
        )
        .execute();
    }
    await insertSkills(trx, newer);
  });
}

/** Upserts latest scores: a score replaces another only when it is as new or newer. */
export async function upsertScores(db: Db, scores: readonly ScoreFact[]): Promise<void> {
  for (const chunk of chunked(scores, 5)) {
    await executeRows(db, 'upsert scores', chunk, (rows) =>
      db
        .insertInto('fact_jobs')
        .values([...rows])
        .onConflict((conflict) =>
          conflict
            .column('job_id')
            .doUpdateSet((eb) => ({
              track: eb.ref('excluded.track'),
              score: eb.ref('excluded.score'),
              scored_at: eb.ref('excluded.scored_at'),
            }))
            .where((eb) => eb.or([eb('fact_jobs.scored_at', 'is', null), eb('excluded.scored_at', '>=', eb.ref('fact_jobs.scored_at'))])),
        ),
    );
  }
}

/** Upserts current stages: last writer (by change time) wins. */
export async function upsertStages(db: Db, stages: readonly StageFact[]): Promise<void> {
  for (const chunk of chunked(stages, 5)) {
    await executeRows(db, 'upsert stages', chunk, (rows) =>
      db
        .insertInto('fact_jobs')
        .values([...rows])
        .onConflict((conflict) =>
          conflict
            .column('job_id')
            .doUpdateSet((eb) => ({
              stage: eb.ref('excluded.stage'),
              closed_reason: eb.ref('excluded.closed_reason'),
              stage_changed_at: eb.ref('excluded.stage_changed_at'),
            }))
            .where((eb) =>
              eb.or([
                eb('fact_jobs.stage_changed_at', 'is', null),
                eb('excluded.stage_changed_at', '>=', eb.ref('fact_jobs.stage_changed_at')),
              ]),
            ),
        ),
    );
  }
}

/** Records CRM changes in the history; a change already recorded is left as it is. */
export async function insertStageChanges(db: Db, changes: readonly StageChangeRow[]): Promise<void> {
  for (const chunk of chunked(changes, 9)) {
    await executeRows(db, 'insert stage changes', chunk, (rows) =>
      db
        .insertInto('stage_changes')
        .values([...rows])
        .onConflict((conflict) => conflict.column('change_key').doNothing()),
    );
  }
}

/** Upserts application outcomes: the later outcome of an application wins. */
export async function upsertApplications(db: Db, applications: readonly ApplicationRow[]): Promise<void> {
  for (const chunk of chunked(applications, 8)) {
    await executeRows(db, 'upsert applications', chunk, (rows) =>
      db
        .insertInto('applications')
        .values([...rows])
        .onConflict((conflict) =>
          conflict
            .column('application_id')
            .doUpdateSet((eb) => ({
              job_id: eb.ref('excluded.job_id'),
              site: eb.ref('excluded.site'),
              status: eb.ref('excluded.status'),
              dry_run: eb.ref('excluded.dry_run'),
              outcome_at: eb.ref('excluded.outcome_at'),
              failure_code: eb.ref('excluded.failure_code'),
              needs_user: eb.ref('excluded.needs_user'),
            }))
            .where((eb) => eb('excluded.outcome_at', '>=', eb.ref('applications.outcome_at'))),
        ),
    );
  }
}

/** Records (or re-records) the jobs per stage of `day`, as they stand now. */
export async function takeDailySnapshot(db: Kysely<AnalyticsDatabase>, day: string, takenAt: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('daily_snapshots').where('day', '=', day).execute();
    const rows = await trx
      .selectFrom('fact_jobs')
      .select((eb) => [
        sql<string>`COALESCE(stage, 'untracked')`.as('stage'),
        eb.fn.countAll<number | string>().as('jobs'),
        eb.fn.avg<number | string | null>('score').as('avg_score'),
      ])
      .where('last_seen_at', 'is not', null)
      .where('canonical_job_id', 'is', null)
      .groupBy(sql`COALESCE(stage, 'untracked')`)
      .execute();
    const snapshot = rows.map((row) => ({
      day,
      stage: row.stage,
      jobs: Number(row.jobs),
      avg_score: row.avg_score === null ? null : Number(row.avg_score),
      taken_at: takenAt,
    }));
    for (const chunk of chunked(snapshot, 5)) await trx.insertInto('daily_snapshots').values(chunk).execute();
  });
}

/** Copies the daily snapshots of one analytics database into another (a rebuild keeps history). */
export async function copyDailySnapshots(from: Kysely<AnalyticsDatabase>, to: Db): Promise<void> {
  const rows = await from.selectFrom('daily_snapshots').selectAll().execute();
  const normalized = rows.map((row) => ({
    ...row,
    jobs: Number(row.jobs),
    avg_score: row.avg_score === null ? null : Number(row.avg_score),
  }));
  for (const chunk of chunked(normalized, 5)) await to.insertInto('daily_snapshots').values(chunk).execute();
}

/** Row counts of the main tables (what `etl.completed` reports). */
export async function countRows(
  db: Kysely<AnalyticsDatabase>,
): Promise<{ jobs: number; stageChanges: number; applications: number; skills: number }> {
  const countOf = async (table: 'fact_jobs' | 'stage_changes' | 'applications' | 'bridge_job_skills') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('rows'))
      .executeTakeFirstOrThrow();
    return Number(row.rows);
  };
  return {
    jobs: await countOf('fact_jobs'),
    stageChanges: await countOf('stage_changes'),
    applications: await countOf('applications'),
    skills: await countOf('bridge_job_skills'),
  };
}
