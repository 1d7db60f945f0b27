import type { EventDataMap } from '@jobpipe/contracts';
import { notificationKeys } from '../adapters/notification-store.js';
import type { NotifierContext } from './notifier-context.js';

/** `job.closed`: the job is notified no more (not at once, not in a digest) until it reopens. */
export async function recordJobClosed(context: NotifierContext, closed: EventDataMap['job.closed']): Promise<void> {
  const { jobId, closedAt, closeReason } = closed;
  await context.store.keepClosure({ key: notificationKeys.closure(jobId), jobId, closedAt, closeReason, closureChangedAt: closedAt });
}

/** `job.reopened`: the job is notified again (a queued one is in the next digest). */
export async function recordJobReopened(context: NotifierContext, reopened: EventDataMap['job.reopened']): Promise<void> {
  const { jobId, reopenedAt } = reopened;
  await context.store.keepClosure({ key: notificationKeys.closure(jobId), jobId, closureChangedAt: reopenedAt });
}

/** Whether the job's posting is closed, as the latest job.closed / job.reopened the notifier took says. */
export async function isJobClosed(context: NotifierContext, jobId: string): Promise<boolean> {
  return (await context.store.closure(jobId))?.closedAt !== undefined;
}
