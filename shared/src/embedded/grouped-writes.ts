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
 * group instead of once per write. Each write runs in its own savepoint, in the order asked, so one
 * failing write rejects only its caller; every caller's promise settles after the commit.
 */
export class GroupedWrites {
  private pending: PendingWrite[] = [];

  constructor(
    private readonly db: SqliteDatabase,
    private readonly transactions: WriteTransactions,
  ) {}

  /** Runs `write` (synchronous SQLite work) in the next group transaction; resolves with its result once committed. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ write: this.db.transaction(write), resolve: resolve as (value: never) => void, reject });
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
        group.map((pending): Settle => {
          try {
            return { ok: true, value: pending.write() };
          } catch (error) {
            return { ok: false, error };
          }
        }),
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
}
