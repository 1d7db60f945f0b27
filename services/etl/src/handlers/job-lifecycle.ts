import { type EventHandler, PermanentError } from '@jobpipe/shared';
import type { LifecycleFact } from '../domain/analytics-rows.js';
import { flagSetOfFlagged, lifecycleOfClosed, lifecycleOfReopened } from '../domain/lifecycle-facts.js';
import type { AnalyticsWarehouse } from '../warehouse.js';

function readable(fact: LifecycleFact | undefined, jobId: string, event: string): LifecycleFact {
  if (!fact) throw new PermanentError('LIFECYCLE_UNREADABLE', `${event} for '${jobId}' has no readable time`);
  return fact;
}

/** job.closed → the job is closed, with its time to close (unless it reopened later). */
export function jobClosedHandler(warehouse: AnalyticsWarehouse): EventHandler<'job.closed'> {
  return async (event) => {
    const { data } = event.detail;
    await warehouse.recordLifecycle([readable(lifecycleOfClosed(data), data.jobId, 'job.closed')]);
  };
}

/** job.reopened → the job is open again (unless it closed again later). */
export function jobReopenedHandler(warehouse: AnalyticsWarehouse): EventHandler<'job.reopened'> {
  return async (event) => {
    const { data } = event.detail;
    await warehouse.recordLifecycle([readable(lifecycleOfReopened(data), data.jobId, 'job.reopened')]);
  };
}

/** job.flagged → the job's current ghost-risk flags (an older set never replaces a newer one). */
export function jobFlaggedHandler(warehouse: AnalyticsWarehouse): EventHandler<'job.flagged'> {
  return async (event) => {
    const { data } = event.detail;
    const set = flagSetOfFlagged(data);
    if (!set) throw new PermanentError('LIFECYCLE_UNREADABLE', `job.flagged for '${data.jobId}' has no readable time`);
    await warehouse.recordFlagSets([set]);
  };
}
