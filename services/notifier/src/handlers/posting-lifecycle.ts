import type { EventHandler } from '@jobpipe/shared';
import type { NotifierContext } from '../use-cases/notifier-context.js';
import { recordJobClosed, recordJobReopened } from '../use-cases/posting-closure.js';

/** `job.closed`: a closed job is notified to no target, at once or in a digest. */
export function handleJobClosed(context: NotifierContext): EventHandler<'job.closed'> {
  return async (event) => recordJobClosed(context, event.detail.data);
}

/** `job.reopened`: the job may be notified again. */
export function handleJobReopened(context: NotifierContext): EventHandler<'job.reopened'> {
  return async (event) => recordJobReopened(context, event.detail.data);
}
