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
  /** first_seen_at and last_seen_at as fractional days since the epoch (ages are subtractions). */
  first_seen_days: number | null;
  last_seen_days: number | null;
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

/**
 * job_lifecycle: whether a job's posting is open or closed, from `job.closed` / `job.reopened` (or the
 * jobs table in a rebuild). The latest change by its own time wins, so duplicated and reordered events
 * converge; a reopened job is open (its close fields are null).
 */
export interface JobLifecycleTable {
  job_id: string;
  source: string;
  status: 'open' | 'closed';
  /** When the latest change happened (closedAt of a close, reopenedAt of a reopening). */
  status_at: string;
  first_seen_at: string | null;
  /** first_seen_at as fractional days since the epoch. */
  first_seen_days: number | null;
  closed_at: string | null;
  closed_at_days: number | null;
  close_reason: string | null;
  /** Days from the first sighting to the close (null while open). */
  days_to_close: number | null;
}

/** job_ghost_flags: the ghost-risk criteria that fire for a job now (the latest `job.flagged` set). */
export interface JobGhostFlagsTable {
  job_id: string;
  kind: string;
  since: string;
}

/** job_flag_sets: when the job's current flag set was decided (so an older `job.flagged` never replaces a newer one). */
export interface JobFlagSetsTable {
  job_id: string;
  flagged_at: string;
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
    /** Jobs that went further from the stage (to a later open stage, or closed as hired). */
    advanced: number;
    conversion_rate: number | null;
    median_days_in_stage: number | null;
    response_rate: number | null;
  };
  report_applications_by_day: { day: string; submitted: number; failed: number };
  report_time_to_close_by_source: TimeToCloseRow & { source: string };
  report_time_to_close_by_company: TimeToCloseRow & { company: string };
  report_lifecycle_overall: {
    jobs: number;
    open_jobs: number;
    closed_jobs: number;
    /** Jobs first seen at least 7 days before the store's latest sighting (their 7-day outcome is known). */
    jobs_7d: number;
    closed_within_7d: number;
    share_closed_within_7d: number | null;
    jobs_30d: number;
    closed_within_30d: number;
    share_closed_within_30d: number | null;
    /** Open jobs carrying at least one ghost-risk flag. */
    flagged_jobs: number;
    share_flagged: number | null;
  };
  report_ghost_flags: { kind: string; jobs: number; share: number | null };
}

/** Days from first sighting to close over the closed jobs of a group (a type, so rows index like the other views'). */
export type TimeToCloseRow = {
  closed_jobs: number;
  median_days: number | null;
  p90_days: number | null;
};

/** The analytics schema as Kysely sees it: tables and report views. */
export interface AnalyticsDatabase extends ReportViews {
  fact_jobs: FactJobsTable;
  bridge_job_skills: JobSkillRow;
  stage_changes: StageChangeRow;
  applications: ApplicationRow;
  daily_snapshots: DailySnapshotsTable;
  dim_stages: DimStagesTable;
  job_lifecycle: JobLifecycleTable;
  job_ghost_flags: JobGhostFlagsTable;
  job_flag_sets: JobFlagSetsTable;
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
  'report_lifecycle_overall',
  'report_time_to_close_by_source',
  'report_time_to_close_by_company',
  'report_ghost_flags',
] as const satisfies readonly (keyof ReportViews)[];
