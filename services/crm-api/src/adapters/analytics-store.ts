import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type AnalyticsDatabase, type BlobStore, PermanentError } from '@jobpipe/shared';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import {
  type AnalyticsReports,
  AnalyticsUnavailableError,
  type AnnouncedSnapshot,
  type ApplicationsDay,
  type FunnelStage,
  type GhostFlagShare,
  type KeywordExperience,
  type LifecycleOverall,
  type Report,
  type SalaryOverall,
  type SkillDemand,
  type SkillSalary,
  type SourceDay,
  type TimeToClose,
  type TimeToCloseGrouping,
  type TrackReport,
} from '../ports/analytics-reports.js';

/** SQLite's answer for a view the snapshot does not have (one published before the view existed). */
const MISSING_VIEW = /no such (table|column)/;

/**
 * Read-only access to the analytics snapshot that etl publishes: a local copy of the SQLite file,
 * swapped atomically when a new snapshot arrives, with a short answer cache that the swap clears.
 * The embedded adapter of `AnalyticsReports` (a snapshot reaches the process that handles its
 * `etl.completed`), and the local copy under the aws one.
 */
export class AnalyticsStore implements AnalyticsReports {
  private db: Kysely<AnalyticsDatabase> | undefined;
  private loadedAt = '';
  private readonly cache = new Map<string, { until: number; value: unknown }>();

  constructor(
    private readonly path: string,
    private readonly blobs: BlobStore,
    private readonly cacheMs: number,
    private readonly now: () => Date,
  ) {
    if (existsSync(path)) this.open();
  }

  /** Whether a snapshot has been loaded. */
  get loaded(): boolean {
    return this.db !== undefined;
  }

  async available(): Promise<boolean> {
    return this.loaded;
  }

  /** Downloads the announced snapshot from the blob store and swaps it in. */
  async snapshotCompleted(snapshot: AnnouncedSnapshot): Promise<void> {
    const body = await this.blobs.get(snapshot.snapshotBlobKey);
    if (!body) throw new PermanentError('SNAPSHOT_MISSING', `analytics snapshot '${snapshot.snapshotBlobKey}' is not in the blob store`);
    await this.replaceSnapshot(body);
  }

  /** Installs a new snapshot (the bytes of the SQLite file) and forgets every cached answer. */
  async replaceSnapshot(body: Uint8Array): Promise<void> {
    const temporary = `${this.path}.${process.pid}.${Date.now()}.tmp`;
    // Nothing else may have made the folder (on Lambda, /tmp starts empty).
    await mkdir(dirname(this.path), { recursive: true });
    await writeFile(temporary, body);
    await rename(temporary, this.path);
    const previous = this.db;
    this.open();
    await previous?.destroy();
  }

  /** Forgets cached answers. */
  invalidate(): void {
    this.cache.clear();
  }

  skillsByDemand(limit?: number): Promise<Report<SkillDemand>> {
    return this.cached(`skills:${limit ?? 'all'}`, (db) => {
      const query = db.selectFrom('report_skills_by_demand').select(['skill', 'jobs']).orderBy('jobs', 'desc').orderBy('skill');
      return (limit === undefined ? query : query.limit(limit)).execute();
    });
  }

  salaryOverall(): Promise<Report<SalaryOverall>> {
    return this.cached('salary', (db) => db.selectFrom('report_salary_overall').selectAll().execute());
  }

  salaryBySkill(limit: number, minJobs: number): Promise<Report<SkillSalary>> {
    return this.cached(`salary-by-skill:${limit}:${minJobs}`, (db) =>
      db
        .selectFrom('report_salary_by_skill')
        .select(['skill', 'jobs', 'avg_annual_usd'])
        .where('jobs', '>=', minJobs)
        .where('avg_annual_usd', 'is not', null)
        .orderBy('avg_annual_usd', 'desc')
        .orderBy('skill')
        .limit(limit)
        .execute(),
    );
  }

  experienceForKeyword(keyword: string): Promise<Report<KeywordExperience>> {
    const needle = keyword.trim().toLowerCase();
    return this.cached(`experience:${needle}`, async (db) => {
      const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const row = await db
        .selectFrom('fact_jobs as f')
        .select([
          sql<number>`count(*)`.as('jobs'),
          sql<number | null>`avg(coalesce(f.experience_years_min, f.experience_years_max))`.as('avg_experience_years'),
        ])
        // A duplicate posting of a job on another source is the same job: counted once, like every report.
        .where('f.canonical_job_id', 'is', null)
        .where((eb) =>
          eb.or([
            sql<boolean>`lower(f.title) LIKE ${pattern} ESCAPE '\\'`,
            eb.exists(
              eb
                .selectFrom('bridge_job_skills as s')
                .select('s.job_id')
                .whereRef('s.job_id', '=', 'f.job_id')
                .where(sql<boolean>`lower(s.skill) = ${needle}`),
            ),
          ]),
        )
        .executeTakeFirstOrThrow();
      return [{ keyword, jobs: Number(row.jobs), avgExperienceYears: row.avg_experience_years }];
    });
  }

  byTrack(): Promise<Report<TrackReport>> {
    return this.cached('tracks', (db) => db.selectFrom('report_by_track').selectAll().orderBy('jobs', 'desc').execute());
  }

  jobsBySourceDay(since: string): Promise<Report<SourceDay>> {
    return this.cached(`source-day:${since}`, (db) =>
      db.selectFrom('report_jobs_by_source_day').selectAll().where('day', '>=', since).orderBy('day').orderBy('source').execute(),
    );
  }

  funnel(): Promise<Report<FunnelStage>> {
    return this.cached('funnel', (db) => db.selectFrom('report_funnel').selectAll().execute());
  }

  applicationsByDay(since: string): Promise<Report<ApplicationsDay>> {
    return this.cached(`applications-day:${since}`, (db) =>
      db.selectFrom('report_applications_by_day').selectAll().where('day', '>=', since).orderBy('day').execute(),
    );
  }

  lifecycleOverall(): Promise<Report<LifecycleOverall>> {
    return this.cached('lifecycle', (db) => db.selectFrom('report_lifecycle_overall').selectAll().execute());
  }

  timeToClose(by: TimeToCloseGrouping, limit: number, minClosed: number): Promise<Report<TimeToClose>> {
    return this.cached(`time-to-close:${by}:${limit}:${minClosed}`, async (db) => {
      const rows =
        by === 'source'
          ? await db
              .selectFrom('report_time_to_close_by_source')
              .select(['source as group', 'closed_jobs', 'median_days', 'p90_days'])
              .where('closed_jobs', '>=', minClosed)
              .orderBy('closed_jobs', 'desc')
              .orderBy('source')
              .limit(limit)
              .execute()
          : await db
              .selectFrom('report_time_to_close_by_company')
              .select(['company as group', 'closed_jobs', 'median_days', 'p90_days'])
              .where('closed_jobs', '>=', minClosed)
              .orderBy('closed_jobs', 'desc')
              .orderBy('company')
              .limit(limit)
              .execute();
      return rows.map((row) => ({ group: row.group, closedJobs: row.closed_jobs, medianDays: row.median_days, p90Days: row.p90_days }));
    });
  }

  ghostFlags(): Promise<Report<GhostFlagShare>> {
    return this.cached('ghost-flags', (db) =>
      db.selectFrom('report_ghost_flags').selectAll().orderBy('jobs', 'desc').orderBy('kind').execute(),
    );
  }

  async close(): Promise<void> {
    await this.db?.destroy();
    this.db = undefined;
  }

  private open(): void {
    const database = new Database(this.path, { readonly: true, fileMustExist: true });
    this.db = new Kysely<AnalyticsDatabase>({ dialect: new SqliteDialect({ database }) });
    this.loadedAt = this.now().toISOString();
    this.cache.clear();
  }

  private async cached<T>(key: string, load: (db: Kysely<AnalyticsDatabase>) => Promise<T[]>): Promise<Report<T>> {
    const db = this.db;
    if (!db) throw new AnalyticsUnavailableError('no analytics snapshot yet: trigger one with POST /etl and wait for it to complete');
    const hit = this.cache.get(key);
    const now = this.now().getTime();
    if (hit && hit.until > now) return hit.value as Report<T>;
    const value: Report<T> = { loadedAt: this.loadedAt, rows: await this.loadFrom(db, load) };
    if (this.cacheMs > 0) this.cache.set(key, { until: now + this.cacheMs, value });
    return value;
  }

  /** Runs a report; a snapshot older than the report's view answers "not available yet", not a failure. */
  private async loadFrom<T>(db: Kysely<AnalyticsDatabase>, load: (db: Kysely<AnalyticsDatabase>) => Promise<T[]>): Promise<T[]> {
    try {
      return await load(db);
    } catch (error) {
      if (error instanceof Error && MISSING_VIEW.test(error.message)) {
        throw new AnalyticsUnavailableError(`the analytics snapshot predates this report (${error.message}): run an ETL with POST /etl`);
      }
      throw error;
    }
  }
}
