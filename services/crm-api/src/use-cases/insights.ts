import type { CrmApiContext } from '../context.js';
import type {
  ApplicationsDay,
  FunnelStage,
  GhostFlagShare,
  KeywordExperience,
  LifecycleOverall,
  Report,
  SalaryOverall,
  SkillDemand,
  SkillSalary,
  SourceDay,
  TimeToClose,
  TimeToCloseGrouping,
  TrackReport,
} from '../ports/analytics-reports.js';

/** What the insights use-cases read: the analytics reports, and the clock for day windows. */
type InsightsContext = Pick<CrmApiContext, 'analytics' | 'clock'>;

/** The first day (YYYY-MM-DD) of a window of `days` ending today. */
function daysAgo(context: InsightsContext, days: number): string {
  return new Date(context.clock.now().getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/** The most asked-for skills (all of them without a limit). */
export function skillsByDemand(context: InsightsContext, limit?: number): Promise<Report<SkillDemand>> {
  return context.analytics.skillsByDemand(limit);
}

/** Average experience asked by jobs mentioning a keyword. */
export function experienceForKeyword(context: InsightsContext, keyword: string): Promise<Report<KeywordExperience>> {
  return context.analytics.experienceForKeyword(keyword);
}

/** Average annual salary and experience over all jobs. */
export function salaryOverall(context: InsightsContext): Promise<Report<SalaryOverall>> {
  return context.analytics.salaryOverall();
}

/** Average annual salary per skill, best paid first. */
export function salaryBySkill(context: InsightsContext, limit: number, minJobs: number): Promise<Report<SkillSalary>> {
  return context.analytics.salaryBySkill(limit, minJobs);
}

/** Jobs, salary, experience and score per track. */
export function byTrack(context: InsightsContext): Promise<Report<TrackReport>> {
  return context.analytics.byTrack();
}

/** New jobs per source and day over the last `days` days. */
export function jobsBySourceDay(context: InsightsContext, days: number): Promise<Report<SourceDay>> {
  return context.analytics.jobsBySourceDay(daysAgo(context, days));
}

/** The user's funnel per stage. */
export function funnel(context: InsightsContext): Promise<Report<FunnelStage>> {
  return context.analytics.funnel();
}

/** Applications submitted and failed per day over the last `days` days. */
export function applicationsByDay(context: InsightsContext, days: number): Promise<Report<ApplicationsDay>> {
  return context.analytics.applicationsByDay(daysAgo(context, days));
}

/** Open, closed and ghost-flagged jobs, and the shares closed within 7 and 30 days of their first sighting. */
export function lifecycle(context: InsightsContext): Promise<Report<LifecycleOverall>> {
  return context.analytics.lifecycleOverall();
}

/** Median and 90th-percentile days from first sighting to close, per source or company. */
export function timeToClose(
  context: InsightsContext,
  by: TimeToCloseGrouping,
  limit: number,
  minClosed: number,
): Promise<Report<TimeToClose>> {
  return context.analytics.timeToClose(by, limit, minClosed);
}

/** Open jobs per ghost-risk criterion and their share of the open jobs. */
export function ghostFlags(context: InsightsContext): Promise<Report<GhostFlagShare>> {
  return context.analytics.ghostFlags();
}
