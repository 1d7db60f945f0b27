import type { SourceStatus } from './extracted-posting.js';
import { closed, type JobLifecycle, type LifecycleChange } from './lifecycle.js';

/** The search a reopen names when the posting's own body came from no search run (a single fetch). */
export const SOURCE_SEARCH_ID = 'source';

/** Where the body that states the status was read: its fetch time, and the search run that fetched it, if any. */
export interface StatusSighting {
  readonly status: SourceStatus | undefined;
  readonly fetchedAt: string;
  readonly searchId?: string;
  readonly runId?: string;
}

/**
 * What the source's own status of a posting does to its job: a source that says the posting is closed
 * closes an open job at once (`source-says-closed`; a job closed for another reason keeps its reason);
 * a source that lists it open again reopens a job it had closed — unless it is past its own closing date.
 * A body that states no status changes nothing.
 */
export function lifecycleAfterSourceStatus(job: JobLifecycle, sighting: StatusSighting): LifecycleChange {
  const at = sighting.fetchedAt;
  if (sighting.status === 'closed') return job.closedAt === undefined ? closed(job, at, 'source-says-closed') : { kind: 'none' };
  if (sighting.status !== 'open' || job.closedAt === undefined || job.closeReason !== 'source-says-closed') return { kind: 'none' };
  if (job.expiresAt !== null && Date.parse(job.expiresAt) <= Date.parse(at)) return { kind: 'none' };
  const { closedAt, closeReason, ...open } = job;
  return {
    kind: 'reopen',
    lifecycle: open,
    event: {
      jobId: job.jobId,
      reopenedAt: at,
      closedAt,
      previousCloseReason: closeReason,
      searchId: sighting.searchId ?? SOURCE_SEARCH_ID,
      runId: sighting.runId ?? at,
    },
  };
}
