import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './sqlite.js';
import type { WriteTransactions } from './write-transactions.js';

type Settle = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

interface PendingWrite {
  readonly write: () => unknown;
  readonly resolve: (value: never) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Writes asked for in the same turn of the event loop, committed together in one IMMEDIATE transaction:
 * concurrent handlers (a received batch runs its messages at once) then take the write lock once per
 * group instead of once per write. When the group holds several writes each runs in its own savepoint,
 * in the order asked, so one failing write rejects only its caller; a lone write needs none (its failure
 * rolls back the whole transaction, which is its alone). Every caller's promise settles after the commit.
 */
export class GroupedWrites {
  private pending: PendingWrite[] = [];
  private readonly savepoint: Statement;
  private readonly release: Statement;
  private readonly rollbackTo: Statement;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly transactions: WriteTransactions,
  ) {
    this.savepoint = db.prepare('SAVEPOINT grouped_write');
    this.release = db.prepare('RELEASE grouped_write');
    this.rollbackTo = db.prepare('ROLLBACK TO grouped_write');
  }

  /** Runs `write` (synchronous SQLite work) in the next group transaction; resolves with its result once committed. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ write, resolve: resolve as (value: never) => void, reject });
    });
  }

  /** Commits the writes asked for so far (the store does this before it closes). */
  flush(): void {
    const group = this.pending;
    if (group.length === 0) return;
    this.pending = [];
    let settled: Settle[];
    try {
      settled = this.transactions.run(() =>
        group.length === 1 ? [{ ok: true, value: group[0]!.write() }] : group.map((pending) => this.inSavepoint(pending.write)),
      );
    } catch (error) {
      for (const pending of group) pending.reject(error);
      return;
    }
    group.forEach((pending, i) => {
      const outcome = settled[i]!;
      if (outcome.ok) pending.resolve(outcome.value as never);
      else pending.reject(outcome.error);
    });
  }

  /** Runs one write of a group so that its failure undoes only its own changes. */
  private inSavepoint(write: () => unknown): Settle {
    this.savepoint.run();
    try {
      const value = write();
      this.release.run();
      return { ok: true, value };
    } catch (error) {
      // An error that ended the whole transaction (SQLite rolls back on some) leaves no savepoint to undo.
      if (this.db.inTransaction) {
        this.rollbackTo.run();
        this.release.run();
      }
      return { ok: false, error };
    }
  }
}
