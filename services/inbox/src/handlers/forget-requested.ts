import type { EventHandler, ServiceTables } from '@jobpipe/shared';
import { forgetMessages } from '../use-cases/forget-messages.js';

/** `inbox.forget-requested`: deletes the stored messages the user asked to forget. */
export function handleForgetRequested(tables: ServiceTables<'inbox'>): EventHandler<'inbox.forget-requested'> {
  return async (event, { logger }) => {
    const { mailbox } = event.detail.data;
    const deleted = await forgetMessages(tables, mailbox);
    logger.info({ mailbox: mailbox ?? 'all', deleted }, 'stored messages forgotten');
  };
}
