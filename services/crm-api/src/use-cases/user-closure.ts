/**
 * The user closes a job's posting themselves, or takes that back. The job's lifecycle is the parser's
 * (it owns the jobs table), so crm-api asks (`job.close-requested`) and the parser closes it with reason
 * `user` (`job.closed`) or reopens it (`job.reopened`); the read model follows those events as it does
 * for every close. Checked here against the job as the parser keeps it, so a mistake is a 4xx now.
 */
import type { CrmApiContext } from '../context.js';
import { ApiError, jobNotFound } from './api-error.js';

/** A close or reopen asked for. */
export interface RequestedClosure {
  readonly jobId: string;
  readonly action: 'close' | 'reopen';
  readonly requestId: string;
}

/**
 * Asks the parser to close a job as the user's decision (`close`) or reopen one the user closed
 * (`reopen`). 404 for an unknown job; 409 to close a job closed for another reason, or to reopen one the
 * user did not close. Asking to close a job the user closed already asks again (the parser changes nothing).
 */
export async function requestClosure(context: CrmApiContext, jobId: string, action: 'close' | 'reopen'): Promise<RequestedClosure> {
  const job = await context.tables.get('jobs', { jobId });
  if (!job) throw jobNotFound(jobId);
  if (action === 'close' && job.closedAt !== undefined && job.closeReason !== 'user') {
    throw new ApiError(409, 'already_closed', `job '${jobId}' closed on ${job.closedAt} (${job.closeReason}) already`, {
      closedAt: job.closedAt,
      closeReason: job.closeReason,
    });
  }
  if (action === 'reopen' && job.closeReason !== 'user') {
    const state = job.closedAt === undefined ? 'is open' : `closed for '${job.closeReason}', not by the user`;
    throw new ApiError(409, 'not_closed_by_user', `job '${jobId}' ${state}: only a close by the user can be taken back`);
  }
  const requestId = context.ids.uuid();
  const requestedAt = context.clock.now().toISOString();
  await context.publisher.publish([{ detailType: 'job.close-requested', data: { jobId, requestId, action, requestedAt } }]);
  return { jobId, action, requestId };
}
