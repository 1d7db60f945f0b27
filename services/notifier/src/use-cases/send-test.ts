import type { EventDataMap } from '@jobpipe/contracts';
import { PermanentError } from '@jobpipe/shared';
import { testNotification } from '../domain/notification.js';
import type { NotifierContext } from './notifier-context.js';
import { sendAndRecord } from './send-to-target.js';

/**
 * `notification.test-requested`: sends the target a test message in its own format through the
 * ordinary sender, and records the outcome as the target's last outcome, where the user who asked
 * looks for it (the settings panel, `jobpipe notify list`). A failed test is recorded and logged, not
 * retried: a retry would send the test minutes later, unasked; the user sends another after a fix.
 * A target no longer in the config is a permanent error (dead-lettered with the reason).
 */
export async function sendTestNotification(context: NotifierContext, request: EventDataMap['notification.test-requested']): Promise<void> {
  const target = (await context.targets()).find((candidate) => candidate.name === request.target);
  if (!target)
    throw new PermanentError(
      'NOTIFICATION_TARGET_UNKNOWN',
      `no notification target '${request.target}' in the config (removed after the test was asked for?)`,
    );
  const notification = testNotification(target.name, request.requestId, request.requestedAt, context.cockpitUrl);
  const outcome = await sendAndRecord(context, target, notification);
  if (outcome.delivered) context.logger.info({ target: target.name, requestId: request.requestId }, 'test notification sent');
  else
    context.logger.warn(
      {
        target: target.name,
        requestId: request.requestId,
        err: outcome.error instanceof Error ? outcome.error.message : String(outcome.error),
      },
      "test notification failed; recorded as the target's last outcome",
    );
}
