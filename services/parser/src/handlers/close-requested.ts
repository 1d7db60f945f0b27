import { type EventHandler, PermanentError } from '@jobpipe/shared';
import type { JobsRepository } from '../adapters/jobs-repository.js';
import { lifecycleAfterUserRequest } from '../domain/user-closure.js';
import { applyLifecycle } from './apply-lifecycle.js';

/**
 * `job.close-requested`: the user closes a job (`job.closed`, reason `user`) or reopens one they closed
 * (`job.reopened`), written with its event in one commit. A job the parser does not hold is dead-lettered
 * with the reason; a redelivery finds nothing left to change.
 */
export function closeRequestedHandler(deps: { readonly repository: JobsRepository }): EventHandler<'job.close-requested'> {
  return async (event, context) => {
    const { jobId, requestId, action, requestedAt } = event.detail.data;
    const job = await deps.repository.get(jobId);
    if (!job) throw new PermanentError('JOB_UNKNOWN', `cannot ${action} '${jobId}': the parser holds no such job`);
    const decide = (current: typeof job) => lifecycleAfterUserRequest(current, action, requestId, requestedAt);
    const outcome = await applyLifecycle(deps.repository, [job], decide, context.caused);
    context.logger.info({ jobId, action, ...outcome }, 'user closure request applied');
  };
}
