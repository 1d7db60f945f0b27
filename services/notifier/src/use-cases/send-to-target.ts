import type { Notification } from '../domain/notification.js';
import type { ResolvedTarget } from '../domain/notification-targets.js';
import type { NotifierContext } from './notifier-context.js';
import { recordDelivered, recordFailed } from './target-outcome.js';

/** How a send went: delivered, or the sender's error (already recorded as the target's last outcome). */
export type SendOutcome = { readonly delivered: true } | { readonly delivered: false; readonly error: unknown };

/**
 * Sends a notification and records the target's outcome (what GET /notifications/targets shows; for a
 * test, also which request it answers). A failed send is returned, not thrown; a failure to record the
 * outcome is thrown.
 */
export async function sendAndRecord(context: NotifierContext, target: ResolvedTarget, notification: Notification): Promise<SendOutcome> {
  const test = notification.kind === 'test' ? { requestId: notification.requestId } : undefined;
  try {
    await context.sender.send(target, notification);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await recordFailed(context.store, target.name, reason, context.clock.now(), test);
    return { delivered: false, error };
  }
  await recordDelivered(context.store, target.name, context.clock.now(), test);
  return { delivered: true };
}

/** Sends a notification and records the target's outcome; rethrows a failed send. */
export async function sendToTarget(context: NotifierContext, target: ResolvedTarget, notification: Notification): Promise<void> {
  const outcome = await sendAndRecord(context, target, notification);
  if (!outcome.delivered) throw outcome.error;
}
