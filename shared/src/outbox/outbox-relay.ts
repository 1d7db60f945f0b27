import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '../ports/logger.js';
import type { TableStore } from '../ports/tables.js';
import type { BusSender } from './bus-sender.js';
import { eventsOfEntry, OUTBOX_TABLE, type OutboxEntry } from './outbox-entries.js';

/** Options of the outbox relay. */
export interface OutboxRelayOptions {
  readonly tables: TableStore;
  /** The producer whose entries this relay publishes (its partition of the outbox). */
  readonly producer: string;
  readonly sender: BusSender;
  readonly logger?: Logger;
  /** Entries read per page when sweeping the table (default 100). */
  readonly entriesPerPage?: number;
  /** Wait before the first retry after a failed pass (doubled per failure up to `maxRetryDelayMs`). */
  readonly minRetryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
}

/** Events a turn holds before handing them over, for a sender without a per-send limit (the embedded bus). */
const HELD_EVENTS_EMBEDDED = 100;

/**
 * Publishes the outbox of one producer and deletes each entry once its events are sent: at least once,
 * in commit order (passes never overlap and stop at the first failure), exactly once on the embedded
 * bus, which remembers relayed event ids.
 *
 * Entries this process commits are handed over by `committed` and sent straight away, so the happy path
 * costs one send and one delete and no reading of the table. The table is swept, oldest entry first,
 * when the relay starts (entries a crashed or stopped process left) and after every failure, on a
 * backoff timer until a sweep succeeds; while failing, commits do not wait for the bus.
 */
export class OutboxRelay {
  /** The entries committed inside the current `together` call (per async context), held until it ends. */
  private readonly turn = new AsyncLocalStorage<{ entries: OutboxEntry[]; events: number; open: boolean }>();
  /** Entries committed here and not yet sent, in commit order. */
  private committedEntries: OutboxEntry[] = [];
  private sweepNeeded = true;
  private failures = 0;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  /** The end of the last pass asked for: passes run one after another. */
  private tail: Promise<void> = Promise.resolve();
  /** A pass asked for and not started yet, which later requests join. */
  private queuedPass: Promise<void> | undefined;

  constructor(private readonly options: OutboxRelayOptions) {}

  /** Whether the last pass failed (entries are waiting for a retry). */
  get failing(): boolean {
    return this.failures > 0;
  }

  /**
   * Takes entries just committed and resolves once a pass has tried to send them (a failure is logged
   * and retried on the timer, never thrown: the entries are safe in the table). Inside a `together`
   * turn it resolves at once: the entries wait for the turn's end, or until the turn holds a full send.
   */
  committed(entries: readonly OutboxEntry[]): Promise<void> {
    // A timer started during a turn keeps its context after the turn ended: then it commits as usual.
    const held = this.turn.getStore();
    if (held?.open) {
      held.entries.push(...entries);
      held.events += entries.reduce((sum, entry) => sum + eventsOfEntry(entry).length, 0);
      // A long turn (a whole scrape run) sends each full request's worth at once rather than at its end.
      if (held.events < (this.options.sender.maxEventsPerSend ?? HELD_EVENTS_EMBEDDED)) return Promise.resolve();
      const full = held.entries.splice(0);
      held.events = 0;
      return this.handOver(full);
    }
    return this.handOver(entries);
  }

  private handOver(entries: readonly OutboxEntry[]): Promise<void> {
    this.committedEntries.push(...entries);
    if (this.failing || this.stopped) return Promise.resolve();
    return this.requestPass();
  }

  /**
   * Runs `work` (a received batch's handlers) as one turn: what it commits is held, safe in the table,
   * and handed to the relay together when it ends, so its events go out in the fewest sends (PutEvents
   * of up to 10) instead of one send per commit; a turn that commits a full request's worth (10 events,
   * or `HELD_EVENTS_EMBEDDED` on the embedded bus) hands those over at once. Resolves after the last
   * pass was tried.
   */
  async together<T>(work: () => Promise<T>): Promise<T> {
    const held = { entries: [] as OutboxEntry[], events: 0, open: true };
    try {
      return await this.turn.run(held, work);
    } finally {
      held.open = false;
      if (held.entries.length > 0) await this.handOver(held.entries);
    }
  }

  /** Asks for a sweep of the table soon (at start, and by the retry timer). */
  wake(): Promise<void> {
    this.sweepNeeded = true;
    return this.requestPass();
  }

  /**
   * Publishes now what is pending: the entries committed here, and the whole table when it has not been
   * swept since the start or the last failure. Throws when publishing fails (the entries stay).
   */
  flush(): Promise<void> {
    return this.serialize(() => this.pass(true));
  }

  /** Stops the retries and makes a last attempt to publish what is stored (what fails waits for the next start). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.flush().catch((error: unknown) =>
      this.options.logger?.warn({ err: String(error) }, 'outbox: events left for the next start'),
    );
  }

  private requestPass(): Promise<void> {
    this.queuedPass ??= this.serialize(async () => {
      this.queuedPass = undefined;
      await this.pass(false);
    });
    return this.queuedPass;
  }

  private serialize(work: () => Promise<void>): Promise<void> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async pass(throwOnFailure: boolean): Promise<void> {
    try {
      if (this.sweepNeeded) {
        const sent = await this.sweep();
        this.sweepNeeded = false;
        this.committedEntries = this.committedEntries.filter((entry) => !sent.has(entry.entryId));
      }
      const entries = this.committedEntries;
      this.committedEntries = [];
      if (entries.length > 0) await this.publishEntries(entries);
      this.failures = 0;
    } catch (error) {
      // The table holds every unsent entry: the next pass sweeps it, in order.
      this.sweepNeeded = true;
      this.committedEntries = [];
      this.failures += 1;
      this.scheduleRetry(error);
      if (throwOnFailure) throw error;
    }
  }

  private scheduleRetry(error: unknown): void {
    const min = this.options.minRetryDelayMs ?? 1000;
    const delay = Math.min(this.options.maxRetryDelayMs ?? 60_000, min * 2 ** (this.failures - 1));
    this.options.logger?.warn({ err: String(error), failures: this.failures, retryInMs: delay }, 'outbox: publishing failed; will retry');
    clearTimeout(this.retryTimer);
    if (this.stopped) return;
    this.retryTimer = setTimeout(() => void this.wake(), delay);
    this.retryTimer.unref();
  }

  /** Publishes the producer's entries in the table, oldest first; returns the ids of those sent. */
  private async sweep(): Promise<Set<string>> {
    const sent = new Set<string>();
    for (;;) {
      const page = await this.options.tables.query<OutboxEntry>(OUTBOX_TABLE, {
        partitionValue: this.options.producer,
        limit: this.options.entriesPerPage ?? 100,
      });
      if (page.items.length === 0) return sent;
      await this.publishEntries(page.items);
      for (const entry of page.items) sent.add(entry.entryId);
      if (!page.cursor) return sent;
    }
  }

  /**
   * Sends the entries' events in the sender's batches and deletes the entries sent, also when a later
   * batch fails, so a retry resends only what did not go out.
   */
  private async publishEntries(entries: readonly OutboxEntry[]): Promise<void> {
    const sent: OutboxEntry[] = [];
    try {
      for (const batch of batchesOf(entries, this.options.sender.maxEventsPerSend ?? Number.POSITIVE_INFINITY)) {
        await this.options.sender.send(batch.flatMap(eventsOfEntry));
        sent.push(...batch);
      }
    } finally {
      if (sent.length > 0) {
        await this.options.tables.deleteMany(
          OUTBOX_TABLE,
          sent.map((entry) => ({ producer: entry.producer, entryId: entry.entryId })),
        );
      }
    }
  }
}

/** Consecutive entries grouped so that a group holds at most `maxEvents` events (an entry with more stands alone). */
function batchesOf(entries: readonly OutboxEntry[], maxEvents: number): OutboxEntry[][] {
  const batches: OutboxEntry[][] = [];
  let current: OutboxEntry[] = [];
  let events = 0;
  for (const entry of entries) {
    const count = eventsOfEntry(entry).length;
    if (current.length > 0 && events + count > maxEvents) {
      batches.push(current);
      current = [];
      events = 0;
    }
    current.push(entry);
    events += count;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
