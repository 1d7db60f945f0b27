import { defineHandlers, defineService, type Logger, type ServicePorts } from '@jobpipe/shared';
import { NotificationStore } from './adapters/notification-store.js';
import { TargetSender } from './adapters/target-sender.js';
import { NOTIFIER_ENV_SCHEMA, type NotifierConfig, readNotifierConfig } from './config.js';
import { resolvedTargets } from './domain/notification-targets.js';
import { handleDigestRequested } from './handlers/digest-requested.js';
import { handleJobScored } from './handlers/job-scored.js';
import { handleJobClosed, handleJobReopened } from './handlers/posting-lifecycle.js';
import { handleTestRequested } from './handlers/test-requested.js';
import type { NotificationSender } from './ports/notification-sender.js';
import type { NotifierContext } from './use-cases/notifier-context.js';

/** The ports the notifier uses. */
export type NotifierPorts = Pick<ServicePorts<'notifier'>, 'tables' | 'secrets' | 'clock'>;

/** The notifier's use-case context over its ports (tests pass their own sender). */
export function notifierContext(
  ports: NotifierPorts,
  config: Pick<NotifierConfig, 'cockpitUrl' | 'digestListed' | 'sendTimeoutMs'>,
  logger: Logger,
  sender: NotificationSender = new TargetSender(() => ports.secrets(), config.sendTimeoutMs),
): NotifierContext {
  return {
    store: new NotificationStore(ports.tables),
    sender,
    clock: ports.clock,
    // The user's config is crm-api's table; the notifier only reads it, at each event.
    targets: async () => resolvedTargets((await ports.tables.get('config', { key: 'current' }))?.config),
    cockpitUrl: config.cockpitUrl,
    digestListed: config.digestListed,
    logger,
  };
}

/**
 * The notifier: its queue takes `job.scored` v1 and v2 (instant notifications, digest entries),
 * `job.closed` / `job.reopened` (a closed job is notified to no target),
 * `notification.digest-requested` (the daily digest the scheduler fires) and
 * `notification.test-requested` (a test message the user asked for from the settings). It publishes nothing: its
 * state is its own `notifications` table.
 */
export const notifierService = defineService({
  name: 'notifier',
  envSchema: NOTIFIER_ENV_SCHEMA,
  readConfig: readNotifierConfig,
  build: (ports, config, logger) => {
    const context = notifierContext(ports, config, logger);
    return {
      handlers: defineHandlers({
        'job.scored@1': handleJobScored(context),
        'job.scored@2': handleJobScored(context),
        'job.closed@1': handleJobClosed(context),
        'job.reopened@1': handleJobReopened(context),
        'notification.digest-requested@1': handleDigestRequested(context),
        'notification.test-requested@1': handleTestRequested(context),
      }),
    };
  },
});
