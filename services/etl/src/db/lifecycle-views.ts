/**
 * The lifecycle report views (time to close, shares closed within 7 and 30 days, ghost-risk flags), in
 * SQL that SQLite and PostgreSQL both run unchanged (see report-views.ts). They count canonical, parsed
 * jobs only: a duplicate posting of a job on another source is the same job, counted once.
 */
import { count, round } from './report-views.js';

/**
 * Helper view: every canonical, parsed job with its state. A job with no lifecycle row is open; a
 * reopened job is open (its row says so). `flagged`: at least one ghost-risk criterion fires now.
 */
const LIFECYCLE_JOBS = `
CREATE VIEW lifecycle_jobs AS
SELECT f.job_id AS job_id, f.source AS source, f.company AS company, f.first_seen_days AS first_seen_days,
  CASE WHEN l.status = 'closed' THEN 1 ELSE 0 END AS closed,
  CASE WHEN l.status = 'closed' THEN l.days_to_close END AS days_to_close,
  CASE WHEN EXISTS (SELECT 1 FROM job_ghost_flags g WHERE g.job_id = f.job_id) THEN 1 ELSE 0 END AS flagged
FROM fact_jobs f LEFT JOIN job_lifecycle l ON l.job_id = f.job_id
WHERE f.canonical_job_id IS NULL AND f.last_seen_at IS NOT NULL`;

/**
 * Days to close per group of closed jobs: the median (mean of the middle two when even) and the 90th
 * percentile by nearest rank (the ceil(0.9 n)-th smallest; (9n + 9) / 10 in integer division).
 */
function timeToCloseBy(view: string, column: 'source' | 'company'): string {
  return `
CREATE VIEW ${view} AS
WITH ranked AS (
  SELECT ${column} AS grp, days_to_close AS days,
    ROW_NUMBER() OVER (PARTITION BY ${column} ORDER BY days_to_close, job_id) AS position,
    COUNT(*) OVER (PARTITION BY ${column}) AS closed_jobs
  FROM lifecycle_jobs
  WHERE closed = 1 AND days_to_close IS NOT NULL AND ${column} IS NOT NULL
)
SELECT grp AS ${column}, ${count('MAX(closed_jobs)')} AS closed_jobs,
  ${round('AVG(CASE WHEN position = (closed_jobs + 1) / 2 OR position = (closed_jobs + 2) / 2 THEN days END)', 2)} AS median_days,
  ${round('MAX(CASE WHEN position = (9 * closed_jobs + 9) / 10 THEN days END)', 2)} AS p90_days
FROM ranked
GROUP BY grp`;
}

/** A share of `part` in `whole`, null when there is no whole. */
const share = (part: string, whole: string) => `CASE WHEN ${whole} > 0 THEN ${round(`${part} * 1.0 / ${whole}`, 4)} END`;

/**
 * One row of overall figures. The horizon is the latest moment the store knows of (a job seen or closed):
 * a job counts towards "closed within N days" only when it was first seen N days or more before it, so
 * young postings, whose outcome is not known yet, do not pull the share down.
 */
const LIFECYCLE_OVERALL = `
CREATE VIEW report_lifecycle_overall AS
WITH horizon AS (
  SELECT MAX(days) AS days FROM (
    SELECT MAX(last_seen_days) AS days FROM fact_jobs
    UNION ALL
    SELECT MAX(closed_at_days) AS days FROM job_lifecycle
  ) latest
),
totals AS (
  SELECT COUNT(*) AS jobs,
    COALESCE(SUM(1 - j.closed), 0) AS open_jobs,
    COALESCE(SUM(j.closed), 0) AS closed_jobs,
    COALESCE(SUM(CASE WHEN j.first_seen_days <= h.days - 7 THEN 1 ELSE 0 END), 0) AS jobs_7d,
    COALESCE(SUM(CASE WHEN j.first_seen_days <= h.days - 7 AND j.closed = 1 AND j.days_to_close <= 7 THEN 1 ELSE 0 END), 0) AS closed_within_7d,
    COALESCE(SUM(CASE WHEN j.first_seen_days <= h.days - 30 THEN 1 ELSE 0 END), 0) AS jobs_30d,
    COALESCE(SUM(CASE WHEN j.first_seen_days <= h.days - 30 AND j.closed = 1 AND j.days_to_close <= 30 THEN 1 ELSE 0 END), 0) AS closed_within_30d,
    COALESCE(SUM(CASE WHEN j.closed = 0 AND j.flagged = 1 THEN 1 ELSE 0 END), 0) AS flagged_jobs
  FROM lifecycle_jobs j CROSS JOIN horizon h
)
SELECT ${count('jobs')} AS jobs, ${count('open_jobs')} AS open_jobs, ${count('closed_jobs')} AS closed_jobs,
  ${count('jobs_7d')} AS jobs_7d, ${count('closed_within_7d')} AS closed_within_7d,
  ${share('closed_within_7d', 'jobs_7d')} AS share_closed_within_7d,
  ${count('jobs_30d')} AS jobs_30d, ${count('closed_within_30d')} AS closed_within_30d,
  ${share('closed_within_30d', 'jobs_30d')} AS share_closed_within_30d,
  ${count('flagged_jobs')} AS flagged_jobs,
  ${share('flagged_jobs', 'open_jobs')} AS share_flagged
FROM totals`;

/** Open jobs per ghost-risk criterion, and their share of the open jobs. */
const GHOST_FLAGS = `
CREATE VIEW report_ghost_flags AS
WITH open_jobs AS (SELECT job_id FROM lifecycle_jobs WHERE closed = 0),
total AS (SELECT COUNT(*) AS jobs FROM open_jobs)
SELECT g.kind AS kind, ${count('COUNT(*)')} AS jobs, ${share('COUNT(*)', 'MAX(t.jobs)')} AS share
FROM job_ghost_flags g JOIN open_jobs o ON o.job_id = g.job_id CROSS JOIN total t
GROUP BY g.kind`;

/** CREATE VIEW statements of the lifecycle reports, in dependency order. */
export const CREATE_LIFECYCLE_VIEWS: readonly string[] = [
  LIFECYCLE_JOBS,
  timeToCloseBy('report_time_to_close_by_source', 'source'),
  timeToCloseBy('report_time_to_close_by_company', 'company'),
  LIFECYCLE_OVERALL,
  GHOST_FLAGS,
];

/** The lifecycle view names in reverse dependency order (for dropping). */
export const DROP_LIFECYCLE_VIEWS: readonly string[] = [
  'report_ghost_flags',
  'report_lifecycle_overall',
  'report_time_to_close_by_company',
  'report_time_to_close_by_source',
  'lifecycle_jobs',
];
