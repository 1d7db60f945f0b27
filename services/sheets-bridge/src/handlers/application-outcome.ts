import type { EventHandler } from '@jobpipe/shared';
import type { SheetSync } from '../sheet-sync.js';

/** application.submitted → the row's application cell ("submitted 2026-03-09", or a dry run). */
export function applicationSubmittedHandler(sync: SheetSync): EventHandler<'application.submitted'> {
  return async (event) => {
    const { jobId, submittedAt, dryRun } = event.detail.data;
    await sync.push({ jobId, changedAt: submittedAt, application: `${dryRun ? 'dry run' : 'submitted'} ${submittedAt.slice(0, 10)}` });
  };
}

/** application.failed → the row's application cell ("failed (timeout) 2026-03-08"). */
export function applicationFailedHandler(sync: SheetSync): EventHandler<'application.failed'> {
  return async (event) => {
    const { jobId, failedAt, code } = event.detail.data;
    await sync.push({ jobId, changedAt: failedAt, application: `failed (${code}) ${failedAt.slice(0, 10)}` });
  };
}
