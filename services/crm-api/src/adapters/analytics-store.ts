import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type { AnalyticsDatabase } from '@jobpipe/shared';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';

/** The answer of one report query: rows plus when the snapshot behind them was loaded. */
export interface Report<T> {
  readonly loadedAt: string;
  readonly rows: T[];
}

/** Rows of the reports. */
export type SkillDemand = AnalyticsDatabase['report_skills_by_demand'];
export type SalaryOverall = AnalyticsDatabase['report_salary_overall'];
export type SkillSalary = AnalyticsDatabase['report_salary_by_skill'];
export type TrackReport = AnalyticsDatabase['report_by_track'];
export type SourceDay = AnalyticsDatabase['report_jobs_by_source_day'];
export type FunnelStage = AnalyticsDatabase['report_funnel'];
export type ApplicationsDay = AnalyticsDatabase['report_applications_by_day'];
/** Average experience asked by the jobs that mention a keyword (in the title or as a skill). */
export interface KeywordExperience {
  readonly keyword: string;
  readonly jobs: number;
  readonly avgExperienceYears: number | null;
}

/** The analytics snapshot is not there yet. */
export class AnalyticsUnavailableError extends Error {
  readonly code = 'ANALYTICS_UNAVAILABLE';
}

/**
 * Read-only access to the analytics snapshot that etl publishes: a local copy of the SQLite file,
 * swapped atomically when a new snapshot arrives, with a short answer cache that the swap clears.
 */
export class AnalyticsStore {
  private db: Kysely<AnalyticsDatabase> | undefined;
  private loadedAt = '';
  private readonly cache = new Map<string, { until: number; value: unknown }>();

  constructor(
    private readonly path: string,
    private readonly cacheMs: number,
    private readonly now: () => Date,
  ) {
    if (existsSync(path)) this.open();
  }

  /** Whether a snapshot has been loaded. */
  get available(): boolean {
    return this.db !== undefined;
  }

  /** Installs a new snapshot (the bytes of the SQLite file) and forgets every cached answer. */
  async replaceSnapshot(body: Uint8Array): Promise<void> {
    const temporary = `${this.path}.${process.pid}.${Date.now()}.tmp`;
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

  /** Jobs whose title contains the keyword or that list it as a skill, and their average experience. */
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
    const value: Report<T> = { loadedAt: this.loadedAt, rows: await load(db) };
    if (this.cacheMs > 0) this.cache.set(key, { until: now + this.cacheMs, value });
    return value;
  }
}
