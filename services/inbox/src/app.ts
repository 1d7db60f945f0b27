import { defineHandlers, defineService, type Logger, type ServicePorts, type Stoppable } from '@jobpipe/shared';
import type { ImapWatcher, MailboxReader } from './adapters/imap-watcher.js';
import { INBOX_ENV_SCHEMA, type InboxConfig, readInboxConfig } from './config.js';
import { loadEmailModel, trainEmailModel } from './domain/email-model.js';
import { readLabelledSet } from './evaluation/labelled-set.js';
import { handleForgetRequested } from './handlers/forget-requested.js';
import type { InboxContext } from './use-cases/inbox-context.js';
import { mailboxCursor, startCursorAt } from './use-cases/mailbox-cursor.js';
import { takeInMessage } from './use-cases/take-in-message.js';

/** The ports the inbox uses (it writes only `inbox`). */
export type InboxPorts = Pick<ServicePorts<'inbox'>, 'tables' | 'outbox' | 'secrets' | 'clock'>;

/** The classifier trained on the project's labelled set (a fraction of a second at start). */
export function trainedEmailModel() {
  return loadEmailModel(trainEmailModel(readLabelledSet()));
}

/** What the watchers call: cursors and the take-in use-case over the service's ports. */
export function mailboxReader(context: InboxContext): MailboxReader {
  return {
    cursor: (mailbox) => mailboxCursor(context.tables, mailbox),
    startAt: (mailbox, cursor) => startCursorAt(context.tables, mailbox, cursor, context.clock.now().toISOString()),
    takeIn: (message) => takeInMessage(context, message),
  };
}

/**
 * One watcher per mailbox that opted in, its password read from the secret store at each connection.
 * The IMAP client and the MIME parser load only here: an inbox watching nothing stays small.
 */
export async function createWatchers(
  ports: InboxPorts,
  config: InboxConfig,
  context: InboxContext,
  logger: Logger,
): Promise<ImapWatcher[]> {
  const { ImapWatcher } = await import('./adapters/imap-watcher.js');
  const reader = mailboxReader(context);
  return config.mailboxes.map(
    (mailbox) =>
      new ImapWatcher({
        mailbox,
        password: () => ports.secrets().get(mailbox.passwordSecret),
        reader,
        logger,
        reconnectSeconds: config.reconnectSeconds,
      }),
  );
}

/**
 * The inbox service: its queue takes `inbox.forget-requested`; the side job trains the classifier and
 * watches each mailbox that opted in (none: the service only answers forget requests, said once at start).
 */
export const inboxService = defineService({
  name: 'inbox',
  envSchema: INBOX_ENV_SCHEMA,
  readConfig: readInboxConfig,
  build: (ports, config, logger) => {
    return {
      handlers: defineHandlers({ 'inbox.forget-requested@1': handleForgetRequested(ports.tables) }),
      sideJobs: {
        'mailbox-watchers': async (): Promise<Stoppable | undefined> => {
          if (config.mailboxes.length === 0) {
            logger.info({}, 'no mailbox opted in (JOBPIPE_INBOX_MAILBOXES with watch true): watching none');
            return undefined;
          }
          const context: InboxContext = {
            tables: ports.tables,
            outbox: ports.outbox,
            clock: ports.clock,
            model: trainedEmailModel(),
            logger,
          };
          const watchers = await createWatchers(ports, config, context, logger);
          for (const watcher of watchers) watcher.start();
          return { stop: async () => void (await Promise.all(watchers.map((watcher) => watcher.stop()))) };
        },
      },
    };
  },
});
