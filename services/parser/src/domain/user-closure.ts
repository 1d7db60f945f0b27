import { closed, type JobLifecycle, type LifecycleChange } from './lifecycle.js';

/** The search a reopen by the user names (`job.reopened` names a search and run; the user's run is the request). */
export const USER_SEARCH_ID = 'user';

/**
 * What the user closing a job (or taking that back) changes: an open job closes with reason `user`; a
 * job the user closed reopens. A job closed for another reason stays as it is either way: closing it
 * again would hide why it closed, and reopening it would contradict the source.
 */
export function lifecycleAfterUserRequest(job: JobLifecycle, action: 'close' | 'reopen', requestId: string, at: string): LifecycleChange {
  if (action === 'close') return job.closedAt === undefined ? closed(job, at, 'user') : { kind: 'none' };
  if (job.closedAt === undefined || job.closeReason !== 'user') return { kind: 'none' };
  const { closedAt, closeReason, ...open } = job;
  return {
    kind: 'reopen',
    lifecycle: open,
    event: { jobId: job.jobId, reopenedAt: at, closedAt, previousCloseReason: closeReason, searchId: USER_SEARCH_ID, runId: requestId },
  };
}
