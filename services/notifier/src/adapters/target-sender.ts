import { PermanentError, type SecretStore } from '@jobpipe/shared';
import { emailContent } from '../domain/email-content.js';
import type { Notification } from '../domain/notification.js';
import type { ResolvedTarget } from '../domain/notification-targets.js';
import { genericWebhookBody, slackWebhookBody } from '../domain/webhook-payloads.js';
import type { NotificationSender } from '../ports/notification-sender.js';
import { sendSmtp } from './smtp-send.js';
import { postWebhook } from './webhook-post.js';

/**
 * The sender of every target kind: a webhook's URL or an SMTP password is read from the secret store at
 * each send (so a changed secret applies at once) and goes nowhere else.
 */
export class TargetSender implements NotificationSender {
  constructor(
    private readonly secrets: () => SecretStore,
    private readonly timeoutMs: number,
  ) {}

  async send(target: ResolvedTarget, notification: Notification): Promise<void> {
    const secret = await this.secrets().get(target.secret);
    if (target.kind === 'email') {
      if (!target.email) throw new PermanentError('TARGET_INVALID', `target '${target.name}': an email target needs its email settings`);
      await sendSmtp({
        target: target.name,
        route: target.email,
        password: secret,
        content: emailContent(notification),
        notificationId: notification.id,
        allowPrivateHosts: target.allowPrivateHosts,
        timeoutMs: this.timeoutMs,
      });
      return;
    }
    if (secret === undefined)
      throw new PermanentError(
        'WEBHOOK_URL_MISSING',
        `target '${target.name}': no webhook URL in the secret store under '${target.secret}'`,
      );
    await postWebhook({
      target: target.name,
      url: secret,
      body: target.kind === 'slack' ? slackWebhookBody(notification) : genericWebhookBody(notification),
      idempotencyKey: notification.id,
      allowPrivateHosts: target.allowPrivateHosts,
      timeoutMs: this.timeoutMs,
    });
  }
}
