import type { TableName } from '@jobpipe/contracts';
import type { OutgoingEvent } from './events.js';
import type { TableWrite } from './tables.js';

/** A state change and the events that announce it; `W` the tables it may write. */
export interface Change<W extends TableName = TableName> {
  readonly writes: readonly TableWrite<W>[];
  readonly events: readonly OutgoingEvent[];
}

/** What a commit did: everything (with the ids of the events it stored), or nothing. */
export type CommitResult = { readonly committed: true; readonly eventIds: string[] } | { readonly committed: false };

/**
 * Writes items and the events that announce them together (transactional outbox): the events are
 * validated and stored in the same transaction as the items, and a relay publishes them afterwards, at
 * least once, so an accepted change is never left unannounced. Embedded: one SQLite transaction in the
 * tables file; AWS: one DynamoDB TransactWriteItems.
 */
export interface Outbox<W extends TableName = TableName> {
  /**
   * Types only, never set: the tables this outbox may write, as a parameter, so that a service's outbox
   * (its own tables) is not assignable where one that writes every table is expected.
   */
  readonly writes?: (table: W) => void;
  /**
   * Commits the change: every write and every event, or nothing when a write's condition does not
   * hold. Throws a PermanentError for an invalid event (before anything is written).
   */
  commit(change: Change<W>): Promise<CommitResult>;
}
