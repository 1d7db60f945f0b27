import type { AnalyticsDatabase } from '@jobpipe/shared';

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
export type LifecycleOverall = AnalyticsDatabase['report_lifecycle_overall'];
export type GhostFlagShare = AnalyticsDatabase['report_ghost_flags'];
/** How time to close is grouped. */
export type TimeToCloseGrouping = 'source' | 'company';
/** Days from first sighting to close of one group's closed jobs. */
export interface TimeToClose {
  /** The source or company. */
  readonly group: string;
  readonly closedJobs: number;
  readonly medianDays: number | null;
  readonly p90Days: number | null;
}
/** Average experience asked by the jobs that mention a keyword (in the title or as a skill). */
export interface KeywordExperience {
  readonly keyword: string;
  readonly jobs: number;
  readonly avgExperienceYears: number | null;
}

/** A snapshot etl announced (the part of `etl.completed` crm-api needs). */
export interface AnnouncedSnapshot {
  readonly requestId: string;
  readonly snapshotBlobKey: string;
  readonly completedAt: string;
}

/** The analytics snapshot is not there yet. */
export class AnalyticsUnavailableError extends Error {
  readonly code = 'ANALYTICS_UNAVAILABLE';
}

/**
 * The reports of the analytics snapshot etl publishes (a SQLite file in the blob store), read by the
 * insights use-cases. Embedded: the last snapshot delivered to this process (`AnalyticsStore`); aws:
 * the newest snapshot recorded in the `readModel` table, which every instance loads from S3
 * (`SharedAnalyticsSnapshot`). Every report throws `AnalyticsUnavailableError` until a snapshot exists.
 */
export interface AnalyticsReports {
  /** Whether a snapshot can be read. */
  available(): Promise<boolean>;
  /** Takes a snapshot etl announced (a `PermanentError` when its blob is missing). */
  snapshotCompleted(snapshot: AnnouncedSnapshot): Promise<void>;
  skillsByDemand(limit?: number): Promise<Report<SkillDemand>>;
  salaryOverall(): Promise<Report<SalaryOverall>>;
  salaryBySkill(limit: number, minJobs: number): Promise<Report<SkillSalary>>;
  /** Jobs whose title contains the keyword or that list it as a skill, and their average experience. */
  experienceForKeyword(keyword: string): Promise<Report<KeywordExperience>>;
  byTrack(): Promise<Report<TrackReport>>;
  /** New jobs per source and day, from `since` (YYYY-MM-DD). */
  jobsBySourceDay(since: string): Promise<Report<SourceDay>>;
  funnel(): Promise<Report<FunnelStage>>;
  /** Applications per day, from `since` (YYYY-MM-DD). */
  applicationsByDay(since: string): Promise<Report<ApplicationsDay>>;
  /** Open, closed and flagged jobs, and the shares closed within 7 and 30 days (one row). */
  lifecycleOverall(): Promise<Report<LifecycleOverall>>;
  /** Time to close per source or company, groups with the most closed jobs first. */
  timeToClose(by: TimeToCloseGrouping, limit: number, minClosed: number): Promise<Report<TimeToClose>>;
  /** Open jobs per ghost-risk criterion, most flagged first. */
  ghostFlags(): Promise<Report<GhostFlagShare>>;
  close(): Promise<void>;
}
