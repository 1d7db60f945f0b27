import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** A SQLite database handle (better-sqlite3). */
export type SqliteDatabase = Database.Database;

/** How long a statement waits for a lock another connection holds before it fails with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 10_000;

/** How a SQLite file is opened beyond the settings every file gets. */
export interface OpenSqliteOptions {
  /**
   * Read the file through a memory map of up to this many bytes (SQLite's `mmap_size`; default 0, no
   * map). Pages of the file are then read from the map instead of by a `pread` into the page cache each:
   * a connection drops its whole page cache whenever another process commits to the file, so a busy
   * file shared by several writers is read again and again. Writes still go through the WAL as before.
   */
  readonly mmapBytes?: number;
}

/**
 * Opens a SQLite file for several processes at once: WAL journal (readers never block the writer),
 * synchronous=NORMAL (durable across process crashes, which is what the bus promises), a busy
 * timeout so concurrent writers queue instead of failing, and temporary files in memory (the journal of
 * a grouped transaction's savepoints would otherwise spill to a file created per transaction).
 */
export function openSqlite(path: string, options: OpenSqliteOptions = {}): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  if (options.mmapBytes) db.pragma(`mmap_size = ${Math.floor(options.mmapBytes)}`);
  return db;
}
