/**
 * The analytics schema: the tables and report views etl writes (into SQLite snapshots and PostgreSQL)
 * and crm-api reads from the snapshot etl.completed announces. Both services use these types, so the
 * names and columns are agreed in one place. Timestamps are UTC ISO text (fixed width, so they sort as
 * text), flags are 0/1 integers and money is double precision: the same in SQLite and PostgreSQL.
 */

/** One skill a job asks for. */
export interface JobSkillRow {
  readonly job_id: string;
  readonly skill: string;
}

/** One CRM change (or note) in a job's history. */
export interface StageChangeRow {
  /** Natural key: the same change gets the same key from an event or from the history table. */
  readonly change_key: string;
  readonly job_id: string;
  readonly from_stage: string | null;
  readonly to_stage: string;
  readonly closed_reason: string | null;
  readonly changed_by: string;
  readonly changed_at: string;
  /** changed_at as fractional days since the epoch, so time in stage is a subtraction. */
  readonly changed_at_days: number;
  readonly note: string | null;
}

/** The outcome of one application. */
export interface ApplicationRow {
  readonly application_id: string;
  readonly job_id: string;
  readonly site: string;
  readonly status: 'submitted' | 'failed';
  readonly dry_run: 0 | 1;
  readonly outcome_at: string;
  readonly failure_code: string | null;
  readonly needs_user: 0 | 1 | null;
}

/** fact_jobs: one row per job with its attributes, latest score and current stage. */
export interface FactJobsTable {
  job_id: string;
  title: string | null;
  company: string | null;
  source: string;
  canonical_url: string | null;
  canonical_job_id: string | null;
  track: string | null;
  score: number | null;
  scored_at: string | null;
  stage: string | null;
  closed_reason: string | null;
  stage_changed_at: string | null;
  remote: number | null;
  employment_type: string | null;
  seniority: string | null;
  salary_annual_min: number | null;
  salary_annual_max: number | null;
  salary_currency: string | null;
  salary_annual_usd_min: number | null;
  salary_annual_usd_max: number | null;
  experience_years_min: number | null;
  experience_years_max: number | null;
  posted_at: string | null;
  first_seen_at: string | null;
  last_seen_at: string | null;
  content_hash: string | null;
}

/** daily_snapshots: jobs per stage as they stood on a day (taken when an ETL run is requested). */
export interface DailySnapshotsTable {
  day: string;
  stage: string;
  jobs: number;
  avg_score: number | null;
  taken_at: string;
}

/** dim_stages: the funnel order of the CRM stages. */
export interface DimStagesTable {
  stage: string;
  stage_rank: number;
  is_open: number;
}

/** The report views (read-only). */
export interface ReportViews {
  report_skills_by_demand: { skill: string; jobs: number };
  report_salary_overall: {
    jobs: number;
    avg_annual_usd_min: number | null;
    avg_annual_usd_max: number | null;
    avg_experience_years: number | null;
  };
  report_salary_by_skill: { skill: string; jobs: number; avg_annual_usd: number | null };
  report_experience_by_skill: { skill: string; jobs: number; avg_experience_years: number | null };
  report_by_track: {
    track: string;
    jobs: number;
    avg_annual_usd: number | null;
    avg_experience_years: number | null;
    avg_score: number | null;
  };
  report_jobs_by_source_day: { source: string; day: string; jobs: number };
  report_funnel: {
    stage: string;
    jobs: number;
    conversion_rate: number | null;
    median_days_in_stage: number | null;
    response_rate: number | null;
  };
  report_applications_by_day: { day: string; submitted: number; failed: number };
}

/** The analytics schema as Kysely sees it: tables and report views. */
export interface AnalyticsDatabase extends ReportViews {
  fact_jobs: FactJobsTable;
  bridge_job_skills: JobSkillRow;
  stage_changes: StageChangeRow;
  applications: ApplicationRow;
  daily_snapshots: DailySnapshotsTable;
  dim_stages: DimStagesTable;
}

/** Names of the report views, in the order a dashboard shows them. */
export const REPORT_VIEWS = [
  'report_skills_by_demand',
  'report_salary_overall',
  'report_salary_by_skill',
  'report_experience_by_skill',
  'report_by_track',
  'report_jobs_by_source_day',
  'report_funnel',
  'report_applications_by_day',
] as const satisfies readonly (keyof ReportViews)[];
