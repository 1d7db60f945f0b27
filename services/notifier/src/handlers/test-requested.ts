import type { EventHandler } from '@jobpipe/shared';
import type { NotifierContext } from '../use-cases/notifier-context.js';
import { sendTestNotification } from '../use-cases/send-test.js';

/** `notification.test-requested`: a test message to the one target the user named. */
export function handleTestRequested(context: NotifierContext): EventHandler<'notification.test-requested'> {
  return async (event) => sendTestNotification(context, event.detail.data);
}
