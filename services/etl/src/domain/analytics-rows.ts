/**
 * What the ETL loads into the analytics schema (`@jobpipe/shared`'s analytics-schema.ts): a job's fact
 * parts, gathered before they are written. Timestamps are UTC ISO text, flags 0/1, money double precision.
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
  readonly first_seen_days: number;
  readonly last_seen_days: number;
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

/** A parsed job as the ETL loads it: its fact row and its skills. */
export interface LoadedJob {
  readonly fact: JobFact;
  readonly skills: readonly string[];
}

/** A job's posting closed or opened again (the latest change by `status_at` wins). */
export interface LifecycleFact {
  readonly job_id: string;
  readonly source: string;
  readonly status: 'open' | 'closed';
  readonly status_at: string;
  readonly first_seen_at: string | null;
  readonly first_seen_days: number | null;
  readonly closed_at: string | null;
  readonly closed_at_days: number | null;
  readonly close_reason: string | null;
  readonly days_to_close: number | null;
}

/** The ghost-risk criteria firing for a job, as decided at `flagged_at` (the whole set; empty when none fires). */
export interface FlagSetFact {
  readonly job_id: string;
  readonly flagged_at: string;
  readonly flags: readonly { readonly kind: string; readonly since: string }[];
}
