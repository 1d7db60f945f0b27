import type { Notification } from '../domain/notification.js';
import type { ResolvedTarget } from '../domain/notification-targets.js';

/**
 * Delivers notifications to a target. Throws `PermanentError` when the target can never take it as
 * configured (no secret, a refused host, a 4xx answer, an SMTP 5xx) and `TransientError` (or any other
 * error) when a later try may succeed; error messages name the target, never its URL, address or secret.
 */
export interface NotificationSender {
  send(target: ResolvedTarget, notification: Notification): Promise<void>;
}
