import type { EventHandler } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import { isActiveStage } from '../domain/posting-closure.js';
import { crmRecordOf } from '../use-cases/crm.js';

/**
 * `job.closed`: the job leaves the default (open) job list. A job in an active stage is flagged to the
 * user on the live stream, not moved.
 */
export function handleJobClosed(context: CrmApiContext): EventHandler<'job.closed'> {
  return async (event) => {
    const { jobId, closedAt, closeReason } = event.detail.data;
    await context.readModel.setClosure(jobId, closedAt, { closedAt, closeReason });
    const stage = (await crmRecordOf(context, jobId))?.stage;
    if (stage && isActiveStage(stage)) {
      context.live.publish({ event: 'job.closed', data: { jobId, stage, closedAt, closeReason, flagged: true } });
    }
  };
}

/** `job.flagged`: the job's ghost-risk flags, shown as reasons beside it (never a filter). */
export function handleJobFlagged(context: CrmApiContext): EventHandler<'job.flagged'> {
  return async (event) => {
    const { jobId, flaggedAt, flags } = event.detail.data;
    await context.readModel.setGhostFlags(jobId, flaggedAt, flags);
  };
}

/** `job.reopened`: the job is listed as open again. */
export function handleJobReopened(context: CrmApiContext): EventHandler<'job.reopened'> {
  return async (event) => {
    const { jobId, reopenedAt } = event.detail.data;
    await context.readModel.setClosure(jobId, reopenedAt, null);
  };
}
