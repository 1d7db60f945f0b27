import type { Notification } from '../domain/notification.js';
import type { ResolvedTarget } from '../domain/notification-targets.js';
import type { NotifierContext } from './notifier-context.js';
import { recordDelivered, recordFailed } from './target-outcome.js';

/** Sends a notification and records the target's outcome (what GET /notifications/targets shows); rethrows a failure. */
export async function sendToTarget(context: NotifierContext, target: ResolvedTarget, notification: Notification): Promise<void> {
  try {
    await context.sender.send(target, notification);
  } catch (error) {
    await recordFailed(context.store, target.name, error instanceof Error ? error.message : String(error), context.clock.now());
    throw error;
  }
  await recordDelivered(context.store, target.name, context.clock.now());
}
