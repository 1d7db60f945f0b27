import type { EventDataMap, JobItem } from '@jobpipe/contracts';
import { sourceOfJobId } from '@jobpipe/contracts';
import type { FlagSetFact, LifecycleFact } from './analytics-rows.js';
import { epochDays, isoInstant } from './timestamps.js';

/** The closed state of a job, from its `job.closed` data or a closed jobs-table item. */
function closedFact(jobId: string, closedAtValue: string, closeReason: string, firstSeenAtValue: string): LifecycleFact | undefined {
  const closedAt = isoInstant(closedAtValue);
  if (closedAt === null) return undefined;
  const firstSeenAt = isoInstant(firstSeenAtValue);
  const firstSeenDays = firstSeenAt === null ? null : epochDays(firstSeenAt);
  const closedAtDays = epochDays(closedAt);
  return {
    job_id: jobId,
    source: sourceOfJobId(jobId) ?? 'unknown',
    status: 'closed',
    status_at: closedAt,
    first_seen_at: firstSeenAt,
    first_seen_days: firstSeenDays,
    closed_at: closedAt,
    closed_at_days: closedAtDays,
    close_reason: closeReason,
    // A close stamped before the first sighting (clock skew between sources) counts as closed at once.
    days_to_close: firstSeenDays === null ? null : Math.max(0, closedAtDays - firstSeenDays),
  };
}

/** The lifecycle fact of a `job.closed` event (undefined when its close time is unreadable). */
export function lifecycleOfClosed(data: EventDataMap['job.closed']): LifecycleFact | undefined {
  return closedFact(data.jobId, data.closedAt, data.closeReason, data.firstSeenAt);
}

/** The lifecycle fact of a `job.reopened` event: open again since `reopenedAt`, its close forgotten. */
export function lifecycleOfReopened(data: EventDataMap['job.reopened']): LifecycleFact | undefined {
  const reopenedAt = isoInstant(data.reopenedAt);
  if (reopenedAt === null) return undefined;
  return {
    job_id: data.jobId,
    source: sourceOfJobId(data.jobId) ?? 'unknown',
    status: 'open',
    status_at: reopenedAt,
    first_seen_at: null,
    first_seen_days: null,
    closed_at: null,
    closed_at_days: null,
    close_reason: null,
    days_to_close: null,
  };
}

/**
 * The lifecycle fact of a jobs-table item (a rebuild): closed when the item carries its close, otherwise
 * nothing (an open job needs no row; the table does not say when a reopened job reopened).
 */
export function lifecycleOfItem(item: JobItem): LifecycleFact | undefined {
  if (!item.closedAt || !item.closeReason) return undefined;
  return closedFact(item.jobId, item.closedAt, item.closeReason, item.firstSeenAt);
}

/** The flag set of a `job.flagged` event. */
export function flagSetOfFlagged(data: EventDataMap['job.flagged']): FlagSetFact | undefined {
  const flaggedAt = isoInstant(data.flaggedAt);
  if (flaggedAt === null) return undefined;
  return { job_id: data.jobId, flagged_at: flaggedAt, flags: data.flags.map(({ kind, since }) => ({ kind, since })) };
}

/**
 * The flag set of a jobs-table item (a rebuild), stamped with the latest time one of its flags fired:
 * the table keeps no decision time, and that is the earliest the set can have been decided.
 */
export function flagSetOfItem(item: JobItem): FlagSetFact | undefined {
  const flags = item.ghostFlags ?? [];
  if (flags.length === 0) return undefined;
  const flaggedAt = flags
    .map((flag) => isoInstant(flag.since))
    .filter((at): at is string => at !== null)
    .sort()
    .at(-1);
  if (flaggedAt === undefined) return undefined;
  return { job_id: item.jobId, flagged_at: flaggedAt, flags: flags.map(({ kind, since }) => ({ kind, since })) };
}
