import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Builds an analytics SQLite file with the table and view names agreed with etl (interfaces.md), with
 * a few hand-written jobs, and returns its bytes as etl would publish them.
 */
export function buildAnalyticsSnapshot(path: string): Buffer {
  const db = new Database(path);
  db.exec(`
    CREATE TABLE fact_jobs (job_id TEXT PRIMARY KEY, title TEXT, company TEXT, source TEXT, track TEXT, score REAL, stage TEXT, remote INTEGER,
      salary_annual_min REAL, salary_annual_max REAL, salary_currency TEXT, salary_annual_usd_min REAL, salary_annual_usd_max REAL,
      experience_years_min REAL, experience_years_max REAL, posted_at TEXT, first_seen_at TEXT, last_seen_at TEXT, canonical_job_id TEXT);
    CREATE TABLE bridge_job_skills (job_id TEXT, skill TEXT);
    CREATE TABLE stage_days (stage TEXT, jobs INTEGER, advanced INTEGER, conversion_rate REAL, median_days_in_stage REAL, response_rate REAL, position INTEGER);
    CREATE TABLE application_days (day TEXT, submitted INTEGER, failed INTEGER);
    CREATE TABLE closing_times (by_what TEXT, name TEXT, closed_jobs INTEGER, median_days REAL, p90_days REAL);
    CREATE TABLE flag_counts (kind TEXT, jobs INTEGER, share REAL);
    INSERT INTO fact_jobs (job_id, title, company, source, track, score, stage, salary_annual_usd_min, salary_annual_usd_max, experience_years_min, experience_years_max, posted_at) VALUES
      ('greenhouse:1', 'Senior Data Engineer', 'Acme', 'greenhouse', 'data-engineering', 91, 'shortlisted', 120000, 160000, 5, 8, '2026-02-27'),
      ('lever:2', 'Data Engineer', 'Globex', 'lever', 'data-engineering', 75, 'new', 90000, 110000, 3, NULL, '2026-02-28'),
      ('mcf:3', 'Backend Engineer (Go)', 'Initech', 'mcf', 'backend', 60, 'applied', 70000, 90000, 2, 4, '2026-02-28'),
      ('usajobs:4', 'Python Developer', 'Agency', 'usajobs', 'backend', 40, 'closed', NULL, NULL, NULL, NULL, '2026-02-26');
    INSERT INTO bridge_job_skills VALUES ('greenhouse:1', 'python'), ('greenhouse:1', 'spark'), ('lever:2', 'python'), ('lever:2', 'sql'),
      ('mcf:3', 'go'), ('mcf:3', 'sql'), ('usajobs:4', 'python');
    INSERT INTO stage_days VALUES ('new', 40, 3, 0.075, 1, 0, 1), ('screened', 3, 2, 0.6667, 2, 0, 2), ('shortlisted', 2, 1, 0.5, 3, 0.5, 3),
      ('applied', 1, 0, 0, 5, 1.0, 4);
    INSERT INTO closing_times VALUES ('source', 'greenhouse', 12, 9.5, 31), ('source', 'mcf', 30, 14, 45.25), ('source', 'lever', 2, 3, 4),
      ('company', 'Acme', 6, 7, 20), ('company', 'Globex', 1, 2, 2);
    INSERT INTO flag_counts VALUES ('open-past-usual-close', 5, 0.125), ('evergreen-no-salary', 2, 0.05);
    INSERT INTO application_days VALUES ('2026-02-27', 2, 1), ('2026-02-28', 1, 0);
    CREATE VIEW report_skills_by_demand AS SELECT skill, count(*) AS jobs FROM bridge_job_skills GROUP BY skill;
    CREATE VIEW report_salary_overall AS SELECT count(*) AS jobs, avg(salary_annual_usd_min) AS avg_annual_usd_min, avg(salary_annual_usd_max) AS avg_annual_usd_max,
      avg(coalesce(experience_years_min, experience_years_max)) AS avg_experience_years FROM fact_jobs;
    CREATE VIEW report_salary_by_skill AS SELECT s.skill, count(*) AS jobs, avg((f.salary_annual_usd_min + f.salary_annual_usd_max) / 2) AS avg_annual_usd
      FROM bridge_job_skills s JOIN fact_jobs f USING (job_id) GROUP BY s.skill;
    CREATE VIEW report_experience_by_skill AS SELECT s.skill, count(*) AS jobs, avg(f.experience_years_min) AS avg_experience_years
      FROM bridge_job_skills s JOIN fact_jobs f USING (job_id) GROUP BY s.skill;
    CREATE VIEW report_by_track AS SELECT track, count(*) AS jobs, avg((salary_annual_usd_min + salary_annual_usd_max) / 2) AS avg_annual_usd,
      avg(experience_years_min) AS avg_experience_years, avg(score) AS avg_score FROM fact_jobs GROUP BY track;
    CREATE VIEW report_jobs_by_source_day AS SELECT source, substr(posted_at, 1, 10) AS day, count(*) AS jobs FROM fact_jobs GROUP BY source, day;
    CREATE VIEW report_funnel AS SELECT stage, jobs, advanced, conversion_rate, median_days_in_stage, response_rate FROM stage_days ORDER BY position;
    CREATE VIEW report_applications_by_day AS SELECT day, submitted, failed FROM application_days;
    CREATE VIEW report_lifecycle_overall AS SELECT 44 AS jobs, 40 AS open_jobs, 4 AS closed_jobs, 30 AS jobs_7d, 3 AS closed_within_7d,
      0.1 AS share_closed_within_7d, 10 AS jobs_30d, 4 AS closed_within_30d, 0.4 AS share_closed_within_30d, 6 AS flagged_jobs, 0.15 AS share_flagged;
    CREATE VIEW report_time_to_close_by_source AS SELECT name AS source, closed_jobs, median_days, p90_days FROM closing_times WHERE by_what = 'source';
    CREATE VIEW report_time_to_close_by_company AS SELECT name AS company, closed_jobs, median_days, p90_days FROM closing_times WHERE by_what = 'company';
    CREATE VIEW report_ghost_flags AS SELECT kind, jobs, share FROM flag_counts;
  `);
  db.close();
  return readFileSync(path);
}
