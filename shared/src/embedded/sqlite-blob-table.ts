import type { Statement } from 'better-sqlite3';
import { GroupedWrites } from './grouped-writes.js';
import { openSqlite, type SqliteDatabase } from './sqlite.js';
import { WriteTransactions } from './write-transactions.js';

/** The open file and its statements, made on first use. */
interface OpenTable {
  readonly db: SqliteDatabase;
  readonly writes: GroupedWrites;
  readonly upsert: Statement;
  readonly select: Statement;
  readonly probe: Statement;
  readonly remove: Statement;
  readonly keysFrom: Statement;
}

/**
 * Blob bodies as rows of one SQLite table (`blobs`: key, body) in a file of their own. A put commits
 * before its promise settles (WAL, `synchronous=NORMAL`: the row survives a `kill -9` of the writer,
 * as a renamed file did); puts and deletes asked for in the same event-loop turn share one transaction
 * (`GroupedWrites`), so a run storing a page of postings takes the write lock once. The file is opened
 * on first use: a process that never stores a blob never opens it.
 */
export class SqliteBlobTable {
  private table: OpenTable | undefined;

  constructor(private readonly path: string) {}

  /** Stores the body under the key (replacing one stored before); settles once committed. */
  put(key: string, body: Uint8Array | string): Promise<void> {
    const { writes, upsert } = this.open();
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    return writes.run(() => {
      upsert.run(key, bytes);
    });
  }

  get(key: string): Buffer | undefined {
    return this.open().select.get(key) as Buffer | undefined;
  }

  has(key: string): boolean {
    return this.open().probe.get(key) !== undefined;
  }

  /** The keys starting with `prefix`, in key order. */
  keys(prefix: string): string[] {
    const keys: string[] = [];
    for (const key of this.open().keysFrom.iterate(prefix) as IterableIterator<string>) {
      if (!key.startsWith(prefix)) break;
      keys.push(key);
    }
    return keys;
  }

  /** Deletes the key's row, if there is one; settles once committed. */
  delete(key: string): Promise<void> {
    if (!this.has(key)) return Promise.resolve();
    const { writes, remove } = this.open();
    return writes.run(() => {
      remove.run(key);
    });
  }

  /** Commits what is pending and closes the file. */
  close(): void {
    if (!this.table) return;
    this.table.writes.flush();
    this.table.db.close();
    this.table = undefined;
  }

  private open(): OpenTable {
    if (this.table) return this.table;
    const db = openSqlite(this.path);
    const transactions = new WriteTransactions(db);
    // A rowid table: bodies of kilobytes would make a WITHOUT ROWID table's B-tree pages spill over.
    transactions.run(() => db.exec('CREATE TABLE IF NOT EXISTS blobs (key TEXT PRIMARY KEY, body BLOB NOT NULL)'));
    this.table = {
      db,
      writes: new GroupedWrites(db, transactions),
      upsert: db.prepare('INSERT INTO blobs (key, body) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET body = excluded.body'),
      select: db.prepare('SELECT body FROM blobs WHERE key = ?').pluck(),
      probe: db.prepare('SELECT 1 FROM blobs WHERE key = ?').pluck(),
      remove: db.prepare('DELETE FROM blobs WHERE key = ?'),
      keysFrom: db.prepare('SELECT key FROM blobs WHERE key >= ? ORDER BY key').pluck(),
    };
    return this.table;
  }
}
