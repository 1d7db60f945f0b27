import { closed, type JobLifecycle, type LifecycleChange } from './lifecycle.js';

/** The search a reopen by a full import names (`job.reopened` names a search and run; an import's run is the import). */
export const IMPORT_SEARCH_ID = 'import';

/**
 * What a full import changes on an imported job: one it left out closes (`left-out-of-full-import`)
 * unless it is closed already; one it holds, that an earlier full import closed, reopens. Jobs closed
 * for another reason (by the user, expired) stay as they are; an incremental import changes nothing.
 */
export function lifecycleAfterFullImport(job: JobLifecycle, listed: boolean, importId: string, at: string): LifecycleChange {
  if (!listed) return job.closedAt === undefined ? closed(job, at, 'left-out-of-full-import') : { kind: 'none' };
  if (job.closedAt === undefined || job.closeReason !== 'left-out-of-full-import') return { kind: 'none' };
  const { closedAt, closeReason, ...open } = job;
  return {
    kind: 'reopen',
    lifecycle: open,
    event: { jobId: job.jobId, reopenedAt: at, closedAt, previousCloseReason: closeReason, searchId: IMPORT_SEARCH_ID, runId: importId },
  };
}
