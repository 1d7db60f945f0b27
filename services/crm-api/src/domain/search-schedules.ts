import type { JobpipeConfig } from '@jobpipe/contracts';
import { Cron } from 'croner';

/**
 * The searches whose `schedule` is not a cron expression, each with the reason, as croner (the library
 * that runs the schedules in the embedded stack) reads it, so a schedule saved is a schedule that runs.
 */
export function invalidSchedules(config: JobpipeConfig): string[] {
  const problems: string[] = [];
  for (const search of config.searches) {
    if (search.schedule === undefined) continue;
    try {
      new Cron(search.schedule, { paused: true }).stop();
    } catch (error) {
      problems.push(
        `/searches/${search.id}/schedule: '${search.schedule}' is not a cron schedule (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  return problems;
}
