import type { EventHandler } from '@jobpipe/shared';
import type { NotifierContext } from '../use-cases/notifier-context.js';
import { notifyScoredJob } from '../use-cases/notify-scored-job.js';

/** `job.scored`: instant notifications and digest entries for every target whose threshold the score meets. */
export function handleJobScored(context: NotifierContext): EventHandler<'job.scored'> {
  return async (event) => notifyScoredJob(context, event.detail.data);
}
