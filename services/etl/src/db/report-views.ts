/**
 * The report views, in SQL that SQLite and PostgreSQL both run unchanged: integers are cast so
 * PostgreSQL's bigint counts arrive as numbers, rounding goes through NUMERIC and back, medians come
 * from window functions, and durations are differences of the stored epoch-day columns.
 */

/** Rounds through NUMERIC (both dialects) and back to a double. */
export const round = (expression: string, digits: number) => `CAST(ROUND(CAST(${expression} AS NUMERIC), ${digits}) AS DOUBLE PRECISION)`;
/** Casts a count to INTEGER, so PostgreSQL's bigint arrives as a number. */
export const count = (expression: string) => `CAST(${expression} AS INTEGER)`;

/** Helper view: canonical (not duplicate), parsed jobs with one salary and experience figure each. */
const JOB_MEASURES = `
CREATE VIEW job_measures AS
SELECT
  job_id, source, track, score, first_seen_at,
  CASE
    WHEN salary_annual_usd_min IS NOT NULL AND salary_annual_usd_max IS NOT NULL THEN (salary_annual_usd_min + salary_annual_usd_max) / 2.0
    ELSE COALESCE(salary_annual_usd_min, salary_annual_usd_max)
  END AS annual_usd,
  CASE
    WHEN experience_years_min IS NOT NULL AND experience_years_max IS NOT NULL THEN (experience_years_min + experience_years_max) / 2.0
    ELSE COALESCE(experience_years_min, experience_years_max)
  END AS experience_years,
  salary_annual_usd_min, salary_annual_usd_max
FROM fact_jobs
WHERE canonical_job_id IS NULL AND last_seen_at IS NOT NULL`;

const SKILLS_BY_DEMAND = `
CREATE VIEW report_skills_by_demand AS
SELECT s.skill AS skill, ${count('COUNT(*)')} AS jobs
FROM bridge_job_skills s JOIN job_measures j ON j.job_id = s.job_id
GROUP BY s.skill`;

const SALARY_OVERALL = `
CREATE VIEW report_salary_overall AS
SELECT ${count('COUNT(*)')} AS jobs,
  ${round('AVG(salary_annual_usd_min)', 2)} AS avg_annual_usd_min,
  ${round('AVG(salary_annual_usd_max)', 2)} AS avg_annual_usd_max,
  ${round('AVG(experience_years)', 2)} AS avg_experience_years
FROM job_measures`;

const SALARY_BY_SKILL = `
CREATE VIEW report_salary_by_skill AS
SELECT s.skill AS skill, ${count('COUNT(*)')} AS jobs, ${round('AVG(j.annual_usd)', 2)} AS avg_annual_usd
FROM bridge_job_skills s JOIN job_measures j ON j.job_id = s.job_id
WHERE j.annual_usd IS NOT NULL
GROUP BY s.skill`;

const EXPERIENCE_BY_SKILL = `
CREATE VIEW report_experience_by_skill AS
SELECT s.skill AS skill, ${count('COUNT(*)')} AS jobs, ${round('AVG(j.experience_years)', 2)} AS avg_experience_years
FROM bridge_job_skills s JOIN job_measures j ON j.job_id = s.job_id
WHERE j.experience_years IS NOT NULL
GROUP BY s.skill`;

const BY_TRACK = `
CREATE VIEW report_by_track AS
SELECT COALESCE(track, 'none') AS track, ${count('COUNT(*)')} AS jobs,
  ${round('AVG(annual_usd)', 2)} AS avg_annual_usd,
  ${round('AVG(experience_years)', 2)} AS avg_experience_years,
  ${round('AVG(score)', 2)} AS avg_score
FROM job_measures
GROUP BY COALESCE(track, 'none')`;

const JOBS_BY_SOURCE_DAY = `
CREATE VIEW report_jobs_by_source_day AS
SELECT source, SUBSTR(first_seen_at, 1, 10) AS day, ${count('COUNT(*)')} AS jobs
FROM job_measures
GROUP BY source, SUBSTR(first_seen_at, 1, 10)`;

const APPLICATIONS_BY_DAY = `
CREATE VIEW report_applications_by_day AS
SELECT SUBSTR(outcome_at, 1, 10) AS day,
  ${count("SUM(CASE WHEN status = 'submitted' AND dry_run = 0 THEN 1 ELSE 0 END)")} AS submitted,
  ${count("SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END)")} AS failed
FROM applications
GROUP BY SUBSTR(outcome_at, 1, 10)`;

/**
 * The funnel, in stage order (`advanced` counts the jobs that went further, so a dashboard can show
 * conversion between stages with its counts). A job "reached" a stage when its history (a move to it or from it) or
 * its current stage says so (crm-api records a job's first move as from 'new', with no move to 'new' before it); a
 * job the user never moved sits in 'new'. A duplicate counts as the job it duplicates (the parser's link), so a
 * job whose copies the user moved on two sources is one job in each stage. Conversion: the
 * share of jobs that reached a stage and went further (a later open stage, or closed as hired). Response
 * rate (from 'applied' on): the share that heard back (went further, or closed as rejected). Median days:
 * over completed stays in the stage (a note is not a move).
 */
export const FUNNEL = `
CREATE VIEW report_funnel AS
WITH visits AS (
  SELECT COALESCE(f.canonical_job_id, s.job_id) AS job_id, s.to_stage AS stage, s.closed_reason AS closed_reason
  FROM stage_changes s LEFT JOIN fact_jobs f ON f.job_id = s.job_id
  UNION
  SELECT COALESCE(f.canonical_job_id, s.job_id) AS job_id, s.from_stage AS stage, NULL AS closed_reason
  FROM stage_changes s LEFT JOIN fact_jobs f ON f.job_id = s.job_id
  WHERE s.from_stage IS NOT NULL
  UNION
  SELECT COALESCE(canonical_job_id, job_id) AS job_id, COALESCE(stage, 'new') AS stage, closed_reason FROM fact_jobs
  WHERE stage IS NOT NULL OR canonical_job_id IS NULL
),
reach AS (
  SELECT v.job_id,
    MAX(CASE WHEN d.is_open = 1 THEN d.stage_rank WHEN v.closed_reason = 'hired' THEN d.stage_rank ELSE 0 END) AS max_rank,
    MAX(CASE WHEN v.closed_reason = 'rejected' THEN 1 ELSE 0 END) AS rejected
  FROM visits v JOIN dim_stages d ON d.stage = v.stage
  GROUP BY v.job_id
),
moves AS (
  SELECT to_stage AS stage, changed_at_days,
    LEAD(changed_at_days) OVER (PARTITION BY job_id ORDER BY changed_at, change_key) AS left_at_days
  FROM stage_changes
  WHERE from_stage IS NULL OR from_stage <> to_stage
),
stays AS (
  SELECT stage, left_at_days - changed_at_days AS days FROM moves WHERE left_at_days IS NOT NULL
),
ranked AS (
  SELECT stage, days,
    ROW_NUMBER() OVER (PARTITION BY stage ORDER BY days) AS position,
    COUNT(*) OVER (PARTITION BY stage) AS stays
  FROM stays
),
medians AS (
  SELECT stage, AVG(days) AS median_days FROM ranked
  WHERE position = (stays + 1) / 2 OR position = (stays + 2) / 2
  GROUP BY stage
),
counts AS (
  SELECT d.stage, d.stage_rank, d.is_open,
    COUNT(DISTINCT v.job_id) AS jobs,
    COUNT(DISTINCT CASE WHEN r.max_rank > d.stage_rank THEN v.job_id END) AS advanced,
    COUNT(DISTINCT CASE WHEN r.max_rank > d.stage_rank OR r.rejected = 1 THEN v.job_id END) AS replied
  FROM dim_stages d
  LEFT JOIN (SELECT DISTINCT job_id, stage FROM visits) v ON v.stage = d.stage
  LEFT JOIN reach r ON r.job_id = v.job_id
  GROUP BY d.stage, d.stage_rank, d.is_open
)
SELECT c.stage AS stage, ${count('c.jobs')} AS jobs, ${count('c.advanced')} AS advanced,
  CASE WHEN c.is_open = 1 AND c.jobs > 0 THEN ${round('c.advanced * 1.0 / c.jobs', 4)} END AS conversion_rate,
  ${round('m.median_days', 2)} AS median_days_in_stage,
  CASE WHEN c.is_open = 1 AND c.jobs > 0 AND c.stage_rank >= 4 THEN ${round('c.replied * 1.0 / c.jobs', 4)} END AS response_rate
FROM counts c LEFT JOIN medians m ON m.stage = c.stage
ORDER BY c.stage_rank`;

/** CREATE VIEW statements in dependency order. */
export const CREATE_REPORT_VIEWS: readonly string[] = [
  JOB_MEASURES,
  SKILLS_BY_DEMAND,
  SALARY_OVERALL,
  SALARY_BY_SKILL,
  EXPERIENCE_BY_SKILL,
  BY_TRACK,
  JOBS_BY_SOURCE_DAY,
  APPLICATIONS_BY_DAY,
  FUNNEL,
];

/** View names in reverse dependency order (for dropping). */
export const DROP_REPORT_VIEWS: readonly string[] = [
  'report_funnel',
  'report_applications_by_day',
  'report_jobs_by_source_day',
  'report_by_track',
  'report_experience_by_skill',
  'report_salary_by_skill',
  'report_salary_overall',
  'report_skills_by_demand',
  'job_measures',
];
