/**
 * Rows of the analytics schema as the ETL writes them. Timestamps are UTC ISO text (fixed width, so they
 * sort as text), flags are 0/1 integers and money is double precision: the same in SQLite and PostgreSQL.
 */

/** The job attributes of a fact row (everything a parsed posting says). */
export interface JobFact {
  readonly job_id: string;
  readonly title: string;
  readonly company: string;
  readonly source: string;
  readonly canonical_url: string;
  /** The job this one duplicates, when the parser linked it; reports count canonical jobs only. */
  readonly canonical_job_id: string | null;
  readonly remote: 0 | 1 | null;
  readonly employment_type: string | null;
  readonly seniority: string | null;
  readonly salary_annual_min: number | null;
  readonly salary_annual_max: number | null;
  readonly salary_currency: string | null;
  readonly salary_annual_usd_min: number | null;
  readonly salary_annual_usd_max: number | null;
  readonly experience_years_min: number | null;
  readonly experience_years_max: number | null;
  readonly posted_at: string | null;
  readonly first_seen_at: string;
  readonly last_seen_at: string;
  readonly content_hash: string;
}

/** The latest score of a job. */
export interface ScoreFact {
  readonly job_id: string;
  readonly source: string;
  readonly track: string | null;
  readonly score: number;
  readonly scored_at: string;
}

/** The current CRM stage of a job. */
export interface StageFact {
  readonly job_id: string;
  readonly source: string;
  readonly stage: string;
  readonly closed_reason: string | null;
  readonly stage_changed_at: string;
}

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

/** A parsed job as the ETL loads it: its fact row and its skills. */
export interface LoadedJob {
  readonly fact: JobFact;
  readonly skills: readonly string[];
}
