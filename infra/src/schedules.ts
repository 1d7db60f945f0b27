import type { ScheduledRequest, SearchConfig } from '@jobpipe/shared';

/** A schedule of EventBridge Scheduler and the request it sends to the scheduler function. */
export interface ScheduleDefinition {
  readonly id: string;
  /** EventBridge Scheduler expression, e.g. `cron(0 7 * * ? *)` or `rate(6 hours)`. */
  readonly expression: string;
  readonly request: ScheduledRequest;
}

/** Converts a five-field cron (`m h dom mon dow`) to EventBridge Scheduler's six-field form. */
export function toSchedulerCron(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`'${cron}' is not a five-field cron expression`);
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  // Scheduler needs '?' in one of day-of-month / day-of-week.
  const dom = dayOfWeek !== '*' ? '?' : dayOfMonth;
  const dow = dayOfWeek === '*' ? '?' : dayOfWeek;
  return `cron(${minute} ${hour} ${dom} ${month} ${dow} *)`;
}

/** The schedules: one per configured search, a nightly ETL rebuild, and session refreshes per site. */
export function scheduleDefinitions(searches: readonly SearchConfig[], sites: readonly string[]): ScheduleDefinition[] {
  return [
    ...searches.map((search) => ({
      id: `scrape-${search.id}`,
      expression: toSchedulerCron(search.schedule ?? '0 6 * * *'),
      request: { kind: 'scrape' as const, search },
    })),
    { id: 'etl-nightly', expression: 'cron(30 23 * * ? *)', request: { kind: 'etl' as const } },
    ...sites.map((site) => ({ id: `session-${site}`, expression: 'rate(6 hours)', request: { kind: 'session-refresh' as const, site } })),
  ];
}
