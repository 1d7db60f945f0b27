import type { InboxMessageItem } from '@jobpipe/contracts';
import type { ServiceTables } from '@jobpipe/shared';

type MessageKey = Pick<InboxMessageItem, 'key'>;

async function messageKeysOf(tables: ServiceTables<'inbox'>, mailbox: string | null): Promise<MessageKey[]> {
  const keys: MessageKey[] = [];
  let cursor: string | undefined;
  do {
    const page = mailbox
      ? await tables.query('inbox', { index: 'byMailbox', partitionValue: mailbox, limit: 500, ...(cursor ? { cursor } : {}) })
      : await tables.scan('inbox', { limit: 500, ...(cursor ? { cursor } : {}) });
    keys.push(...page.items.filter((item) => item.key.startsWith('message#')).map(({ key }) => ({ key })));
    cursor = page.cursor;
  } while (cursor);
  return keys;
}

/**
 * Deletes the stored messages (bodies, subjects, senders) of one mailbox, or of every mailbox when
 * `mailbox` is null. The cursors stay, so the watcher does not read the forgotten mail again. Returns
 * how many messages were deleted; running it twice deletes nothing the second time.
 */
export async function forgetMessages(tables: ServiceTables<'inbox'>, mailbox: string | null): Promise<number> {
  const keys = await messageKeysOf(tables, mailbox);
  await tables.deleteMany('inbox', keys);
  return keys.length;
}
