import type { Statement } from 'better-sqlite3';
import { BUSY_TIMEOUT_MS, type SqliteDatabase } from './sqlite.js';

/** The first wait after a refused lock, and the longest: a write transaction here holds the lock for about a millisecond. */
const FIRST_WAIT_MS = 0.05;
const LONGEST_WAIT_MS = 2;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` (fractions allowed), as SQLite's own busy handler does. */
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function isBusy(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_BUSY';
}

/**
 * IMMEDIATE write transactions on one connection that wait for the write lock in short steps.
 *
 * Every embedded process shares `bus.sqlite` and `tables.sqlite`, so writers often find the lock taken.
 * SQLite's busy handler then sleeps 1, 2, 5, 10, … up to 100 ms between tries, although a transaction
 * here holds the lock for about a millisecond: a writer that lost a few times slept far longer than it
 * waited, and could lose again to writers that came later. Here `BEGIN IMMEDIATE` runs with no busy
 * handler and a refused lock is tried again after 0.05 ms, doubling (with jitter, so writers do not
 * retry in step) up to 2 ms, for up to the busy timeout. Only taking the lock waits this way;
 * the connection's busy timeout still covers everything else (reads, autocommit statements).
 *
 * The work is not wrapped in a new transaction function per call (as `db.transaction(fn)` does); inside
 * an enclosing transaction it runs in a savepoint, as better-sqlite3's nested transactions do.
 */
export class WriteTransactions {
  private readonly begin: Statement;
  private readonly commit: Statement;
  private readonly rollback: Statement;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly lockTimeoutMs = BUSY_TIMEOUT_MS,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
  }

  /** Runs synchronous `work` in one IMMEDIATE transaction: committed if it returns, rolled back if it throws. */
  run<T>(work: () => T): T {
    if (this.db.inTransaction) return this.db.transaction(work)();
    this.lock();
    try {
      const result = work();
      this.commit.run();
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      throw error;
    }
  }

  private lock(): void {
    const deadline = Date.now() + this.lockTimeoutMs;
    // A pragma takes effect when its statement is prepared, so it cannot be a prepared statement.
    this.db.exec('PRAGMA busy_timeout = 0');
    try {
      for (let wait = FIRST_WAIT_MS; ; wait = Math.min(LONGEST_WAIT_MS, wait * 2)) {
        try {
          this.begin.run();
          return;
        } catch (error) {
          if (!isBusy(error) || Date.now() >= deadline) throw error;
          sleepSync(wait * (0.5 + Math.random()));
        }
      }
    } finally {
      this.db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }
}
