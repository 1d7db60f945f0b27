/**
 * @jobpipe/notifier — announces jobs that score over a target's threshold: at once (rate-limited per
 * target by a token bucket, the excess folded into the next digest) and in a daily digest, to generic
 * JSON webhooks, Slack-compatible webhooks and email over SMTP, each with links to the job's page in the
 * cockpit; never the same job to a target twice.
 */

export { type NotifierPorts, notifierContext, notifierService } from './app.js';
export { NOTIFIER_ENV_SCHEMA, type NotifierConfig, readNotifierConfig } from './config.js';
export {
  DEFAULT_MAX_PER_HOUR,
  DEFAULT_MIN_SCORE,
  defaultTargetSecret,
  type ResolvedTarget,
  resolvedTargets,
} from './domain/notification-targets.js';
export type { NotificationSender } from './ports/notification-sender.js';
