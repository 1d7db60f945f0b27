import type { InboxCursorItem } from '@jobpipe/contracts';
import type { ServiceTables } from '@jobpipe/shared';
import { cursorKey } from './take-in-message.js';

/** How far a mailbox's folder has been read. */
export interface MailboxCursor {
  readonly uidValidity: string;
  readonly lastUid: number;
}

/** Where the watcher stopped reading a mailbox, if it ever read it. */
export async function mailboxCursor(tables: ServiceTables<'inbox'>, mailbox: string): Promise<MailboxCursor | undefined> {
  // A `cursor#` key holds the cursor kind of inbox item.
  const item = (await tables.get('inbox', { key: cursorKey(mailbox) })) as InboxCursorItem | undefined;
  return item ? { uidValidity: item.uidValidity, lastUid: item.lastUid } : undefined;
}

/** Starts reading a mailbox after `lastUid` (first connection, or the folder's UIDVALIDITY changed). */
export async function startCursorAt(tables: ServiceTables<'inbox'>, mailbox: string, cursor: MailboxCursor, at: string): Promise<void> {
  const item: InboxCursorItem = { key: cursorKey(mailbox), cursorOf: mailbox, ...cursor, updatedAt: at };
  await tables.put('inbox', { ...item });
}
