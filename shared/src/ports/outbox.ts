import type { OutgoingEvent } from './events.js';
import type { TableWrite } from './tables.js';

/** A state change and the events that announce it. */
export interface Change {
  readonly writes: readonly TableWrite[];
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
export interface Outbox {
  /**
   * Commits the change: every write and every event, or nothing when a write's condition does not
   * hold. Throws a PermanentError for an invalid event (before anything is written).
   */
  commit(change: Change): Promise<CommitResult>;
}
