/**
 * Watches one mailbox folder over IMAP with imapflow: connects, reads what arrived since the cursor, then
 * waits in IDLE (imapflow enters it by itself when the connection is quiet) and reads each new message
 * the server announces (EXISTS). A dropped connection is retried with a doubling delay. Messages are
 * taken in one at a time in UID order, so the cursor only moves past what was committed. The password
 * is handed to imapflow only: imapflow's own logging is off, and errors are logged by message and code.
 */

import type { Logger } from '@jobpipe/shared';
import { ImapFlow } from 'imapflow';
import type { WatchedMailbox } from '../config.js';
import type { MailboxCursor } from '../use-cases/mailbox-cursor.js';
import type { FetchedMessage } from '../use-cases/take-in-message.js';
import { readMimeMessage } from './mime-message.js';

/** What the watcher needs from the service: the cursor, and taking in one message. */
export interface MailboxReader {
  cursor(mailbox: string): Promise<MailboxCursor | undefined>;
  startAt(mailbox: string, cursor: MailboxCursor): Promise<void>;
  takeIn(message: FetchedMessage): Promise<boolean>;
}

/** Settings of one watcher. */
export interface ImapWatcherOptions {
  readonly mailbox: WatchedMailbox;
  /** Reads the password (from the secret store) at every connection, so a changed one is picked up. */
  readonly password: () => Promise<string | undefined>;
  readonly reader: MailboxReader;
  readonly logger: Logger;
  readonly reconnectSeconds: number;
}

const MAX_RECONNECT_SECONDS = 300;
const AUTO_IDLE_DELAY_MS = 1000;

function reasonOf(error: unknown): { err: string; code?: string } {
  if (!(error instanceof Error)) return { err: String(error) };
  const { code, responseText } = error as Error & { code?: string; responseText?: string };
  return { err: responseText ? `${error.message}: ${responseText}` : error.message, ...(code ? { code } : {}) };
}

/** One watched mailbox; `start` returns at once, `stop` closes the connection and ends the retries. */
export class ImapWatcher {
  private client: ImapFlow | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** Reads run one after another: an EXISTS during a read queues one more read. */
  private reading: Promise<void> = Promise.resolve();
  private connections = 0;

  constructor(private readonly options: ImapWatcherOptions) {}

  /** Connects and keeps the mailbox watched until stopped. */
  start(): void {
    this.running ??= this.watch();
  }

  /** How many times the watcher connected (for health and tests). */
  get connectionCount(): number {
    return this.connections;
  }

  /** Resolves once every message announced so far has been taken in. */
  settled(): Promise<void> {
    return this.reading;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.client?.logout().catch(() => this.client?.close());
    await this.running;
  }

  private async watch(): Promise<void> {
    let delaySeconds = this.options.reconnectSeconds;
    while (!this.stopped) {
      const { name } = this.options.mailbox;
      try {
        await this.session();
        delaySeconds = this.options.reconnectSeconds;
      } catch (error) {
        this.options.logger.warn({ mailbox: name, ...reasonOf(error), retryInSeconds: delaySeconds }, 'mailbox connection failed');
      }
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delaySeconds * 1000);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      delaySeconds = Math.min(MAX_RECONNECT_SECONDS, delaySeconds * 2);
    }
  }

  /** One connection: read what is new, then follow EXISTS until the connection closes. */
  private async session(): Promise<void> {
    const { mailbox, logger } = this.options;
    const password = await this.options.password();
    if (password === undefined) throw new Error(`no password in the secret store under '${mailbox.passwordSecret}'`);
    const client = new ImapFlow({
      host: mailbox.host,
      port: mailbox.port,
      secure: mailbox.tls,
      auth: { user: mailbox.user, pass: password },
      logger: false,
      // imapflow waits 15 s of quiet before entering IDLE; a watcher issues no commands of its own between
      // reads, so it enters IDLE after a second and hears of new mail at once.
      autoIdleDelay: AUTO_IDLE_DELAY_MS,
    });
    this.client = client;
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.on('error', (error: unknown) => logger.warn({ mailbox: mailbox.name, ...reasonOf(error) }, 'mailbox connection error'));
    await client.connect();
    this.connections++;
    await client.mailboxOpen(mailbox.folder);
    logger.info({ mailbox: mailbox.name, folder: mailbox.folder }, 'watching mailbox');
    client.on('exists', () => this.queueRead(client));
    this.queueRead(client);
    await closed;
    this.client = undefined;
  }

  private queueRead(client: ImapFlow): void {
    this.reading = this.reading
      .then(() => this.readNew(client))
      .catch((error: unknown) => {
        this.options.logger.warn({ mailbox: this.options.mailbox.name, ...reasonOf(error) }, 'reading new mail failed; reconnecting');
        client.close();
      });
  }

  /** Takes in every message above the cursor (or starts the cursor on a first connection). */
  private async readNew(client: ImapFlow): Promise<void> {
    if (!client.usable || typeof client.mailbox !== 'object') return;
    const { mailbox, reader } = this.options;
    const uidValidity = String(client.mailbox.uidValidity);
    let cursor = await reader.cursor(mailbox.name);
    if (!cursor || cursor.uidValidity !== uidValidity) {
      cursor = { uidValidity, lastUid: await this.firstUidToSkip(client) };
      await reader.startAt(mailbox.name, cursor);
    }
    const after = cursor.lastUid;
    // `n:*` always includes the highest message, even below n: the UID filter drops it.
    for await (const message of client.fetch(`${after + 1}:*`, { uid: true, source: true, internalDate: true }, { uid: true })) {
      if (message.uid <= after || !message.source) continue;
      const arrivedAt = message.internalDate instanceof Date ? message.internalDate : new Date();
      const email = await readMimeMessage(message.source, arrivedAt);
      await reader.takeIn({ mailbox: mailbox.name, uidValidity, uid: message.uid, email });
    }
  }

  /** On a first connection: the UID before the first message received on `since`, or the last one (only new mail). */
  private async firstUidToSkip(client: ImapFlow): Promise<number> {
    const { since } = this.options.mailbox;
    const box = client.mailbox as Exclude<typeof client.mailbox, boolean>;
    if (!since) return box.uidNext - 1;
    const uids = (await client.search({ since: new Date(since) }, { uid: true })) || [];
    return uids.length > 0 ? Math.min(...uids) - 1 : box.uidNext - 1;
  }
}
