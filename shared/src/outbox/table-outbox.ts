import type { Change, CommitResult, Outbox } from '../ports/outbox.js';
import type { TableStore } from '../ports/tables.js';
import { buildBusEvent, type EventFactoryOptions } from '../runtime/event-factory.js';
import { OUTBOX_TABLE, type OutboxEntry, outboxEntriesOf } from './outbox-entries.js';

/** Options of the table outbox. */
export interface TableOutboxOptions extends EventFactoryOptions {
  readonly tables: TableStore;
  /** Hands each commit's entries to the relay; the commit resolves after it. */
  readonly onStored?: (entries: OutboxEntry[]) => Promise<void>;
}

/**
 * The outbox over any `TableStore`: builds and validates the events (as publishers do), and writes
 * them as outbox entries in the same `transact` as the change's items — one SQLite transaction
 * embedded, one TransactWriteItems on DynamoDB — then hands the entries to the relay, which normally
 * has sent them by the time the commit resolves (a bus failure is the relay's to retry, never the
 * caller's: the change and its events are committed).
 */
export class TableOutbox implements Outbox {
  constructor(private readonly options: TableOutboxOptions) {}

  async commit(change: Change): Promise<CommitResult> {
    const built = change.events.map((event) => buildBusEvent(event, this.options));
    const entries = outboxEntriesOf(this.options.producer, built, this.options.clock.now());
    const committed = await this.options.tables.transact([
      ...change.writes,
      ...entries.map((entry) => ({ table: OUTBOX_TABLE, item: entry })),
    ]);
    if (!committed) return { committed: false };
    if (entries.length > 0) await this.options.onStored?.(entries);
    return { committed: true, eventIds: built.map((event) => event.id) };
  }
}
