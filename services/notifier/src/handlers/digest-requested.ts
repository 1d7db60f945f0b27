import type { EventHandler } from '@jobpipe/shared';
import type { NotifierContext } from '../use-cases/notifier-context.js';
import { sendDigests } from '../use-cases/send-digest.js';

/** `notification.digest-requested`: every target's digest of the jobs waiting for it. */
export function handleDigestRequested(context: NotifierContext): EventHandler<'notification.digest-requested'> {
  return async (event, { logger }) => {
    await sendDigests(context, event.detail.data);
    logger.info({ requestId: event.detail.data.requestId }, 'digests sent');
  };
}
