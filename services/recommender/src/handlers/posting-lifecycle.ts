import type { EventHandler } from '@jobpipe/shared';
import type { Recommender } from '../recommender.js';

/** `job.closed@1`: the posting drops out of new recommendations. */
export function jobClosedHandler(recommender: Recommender): EventHandler<'job.closed'> {
  return async (event, context) => {
    const { jobId, closedAt } = event.detail.data;
    const outcome = await recommender.handleClosure(jobId, closedAt, closedAt, context.caused);
    context.logger.debug({ jobId, outcome }, 'job.closed handled');
  };
}

/** `job.reopened@1`: the posting is recommended (scored) again. */
export function jobReopenedHandler(recommender: Recommender): EventHandler<'job.reopened'> {
  return async (event, context) => {
    const { jobId, reopenedAt } = event.detail.data;
    const outcome = await recommender.handleClosure(jobId, reopenedAt, null, context.caused);
    context.logger.debug({ jobId, outcome }, 'job.reopened handled');
  };
}

/** `job.flagged@1`: the posting is scored again with a penalty per ghost-risk criterion that fires. */
export function jobFlaggedHandler(recommender: Recommender): EventHandler<'job.flagged'> {
  return async (event, context) => {
    const outcome = await recommender.handleFlagged(event.detail.data, context.caused);
    context.logger.debug({ jobId: event.detail.data.jobId, outcome }, 'job.flagged handled');
  };
}

/** `crm.flag-dismissals-changed@1`: a flag the user dismissed costs the posting no more points (a restored one costs them again). */
export function flagDismissalsChangedHandler(recommender: Recommender): EventHandler<'crm.flag-dismissals-changed'> {
  return async (event, context) => {
    const outcome = await recommender.handleFlagDismissals(event.detail.data, context.caused);
    context.logger.debug({ jobId: event.detail.data.jobId, outcome }, 'crm.flag-dismissals-changed handled');
  };
}
