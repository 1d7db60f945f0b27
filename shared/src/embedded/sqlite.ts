import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** A SQLite database handle (better-sqlite3). */
export type SqliteDatabase = Database.Database;

/** How long a statement waits for a lock another connection holds before it fails with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens a SQLite file for several processes at once: WAL journal (readers never block the writer),
 * synchronous=NORMAL (durable across process crashes, which is what the bus promises), a busy
 * timeout so concurrent writers queue instead of failing, and temporary files in memory (the journal of
 * a grouped transaction's savepoints would otherwise spill to a file created per transaction).
 */
export function openSqlite(path: string): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  return db;
}
