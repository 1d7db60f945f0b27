import type { EventHandler } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import { isActiveStage } from '../domain/posting-closure.js';
import { crmRecordOf } from '../use-cases/crm.js';

/**
 * `job.closed`: the job leaves the default (open) job list, and the live stream says so, so open views
 * update. A job in an active stage is flagged to the user there (`flagged`), not moved.
 */
export function handleJobClosed(context: CrmApiContext): EventHandler<'job.closed'> {
  return async (event) => {
    const { jobId, closedAt, closeReason } = event.detail.data;
    await context.readModel.setClosure(jobId, closedAt, { closedAt, closeReason });
    const stage = (await crmRecordOf(context, jobId))?.stage ?? 'new';
    context.live.publish({ event: 'job.closed', data: { jobId, stage, closedAt, closeReason, flagged: isActiveStage(stage) } });
  };
}

/** `job.flagged`: the job's ghost-risk flags, shown as reasons beside it (never a filter). */
export function handleJobFlagged(context: CrmApiContext): EventHandler<'job.flagged'> {
  return async (event) => {
    const { jobId, flaggedAt, flags } = event.detail.data;
    await context.readModel.setGhostFlags(jobId, flaggedAt, flags);
    context.live.publish({ event: 'job.flagged', data: { jobId, flaggedAt, flags: flags.map((flag) => flag.kind) } });
  };
}

/** `job.reopened`: the job is listed as open again, and the live stream says so. */
export function handleJobReopened(context: CrmApiContext): EventHandler<'job.reopened'> {
  return async (event) => {
    const { jobId, reopenedAt } = event.detail.data;
    await context.readModel.setClosure(jobId, reopenedAt, null);
    context.live.publish({ event: 'job.reopened', data: { jobId, reopenedAt } });
  };
}
