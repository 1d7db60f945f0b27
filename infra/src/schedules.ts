import { DEFAULT_DIGEST_CRON, type ScheduledRequest, type SearchConfig } from '@jobpipe/shared';

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

/**
 * The schedules: one per configured search, a nightly ETL rebuild, session refreshes per site, and the
 * notifier's daily digest (the config's `notifications.digestSchedule`, a five-field cron).
 */
export function scheduleDefinitions(
  searches: readonly SearchConfig[],
  sites: readonly string[],
  digestCron: string = DEFAULT_DIGEST_CRON,
): ScheduleDefinition[] {
  return [
    ...searches.map((search) => ({
      id: `scrape-${search.id}`,
      expression: toSchedulerCron(search.schedule ?? '0 6 * * *'),
      request: { kind: 'scrape' as const, search },
    })),
    { id: 'etl-nightly', expression: 'cron(30 23 * * ? *)', request: { kind: 'etl' as const } },
    ...sites.map((site) => ({ id: `session-${site}`, expression: 'rate(6 hours)', request: { kind: 'session-refresh' as const, site } })),
    { id: 'notification-digest', expression: toSchedulerCron(digestCron), request: { kind: 'digest' as const } },
  ];
}
