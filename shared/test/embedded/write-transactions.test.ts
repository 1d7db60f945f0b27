/**
 * Write transactions that wait for the lock in short steps: against a lock another connection (a
 * worker thread, as another process would) holds, and on their own.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { tempDir } from '@jobpipe/test-kit';
import { BUSY_TIMEOUT_MS, openSqlite, type SqliteDatabase } from '../../src/embedded/sqlite.js';
import { WriteTransactions } from '../../src/embedded/write-transactions.js';

const dir = tempDir('jobpipe-write-transactions-');
after(() => dir.remove());

// The holder opens the file as a second connection, takes the write lock, writes a row, says so, and
// commits after `holdMs`.
const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.exec('BEGIN IMMEDIATE');
db.prepare('INSERT INTO rows (name) VALUES (?)').run('holder');
parentPort.postMessage('locked');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
db.exec('COMMIT');
db.close();
`;

/** Another connection holding the write lock for `holdMs`; resolves once it holds it. */
async function holdLock(path: string, holdMs: number): Promise<{ done: Promise<void> }> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(HOLDER, { eval: true, workerData: { path, holdMs, driver } });
  const done = new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', () => resolve());
  });
  await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { done };
}

function rowsFile(name: string): { path: string; db: SqliteDatabase } {
  const path = join(dir.path, `${name}.sqlite`);
  const db = openSqlite(path);
  db.exec('CREATE TABLE rows (seq INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  return { path, db };
}

const names = (db: SqliteDatabase) => db.prepare('SELECT name FROM rows ORDER BY seq').pluck().all();
const insert = (db: SqliteDatabase, name: string) => db.prepare('INSERT INTO rows (name) VALUES (?)').run(name);

test('a writer finding the lock taken waits for it and commits after the holder', async () => {
  const { path, db } = rowsFile('waits');
  const holder = await holdLock(path, 150);
  new WriteTransactions(db).run(() => insert(db, 'waiter'));
  await holder.done;
  assert.deepEqual(names(db), ['holder', 'waiter']);
  db.close();
});

test('a writer gives up with SQLITE_BUSY after its lock timeout, and the connection keeps its busy timeout', async () => {
  const { path, db } = rowsFile('gives-up');
  const holder = await holdLock(path, 1500);
  assert.throws(
    () => new WriteTransactions(db, 100).run(() => insert(db, 'too late')),
    (error: { code?: string }) => error.code === 'SQLITE_BUSY',
  );
  assert.equal(db.pragma('busy_timeout', { simple: true }), BUSY_TIMEOUT_MS);
  assert.equal(db.inTransaction, false);
  await holder.done;
  assert.deepEqual(names(db), ['holder']);
  db.close();
});

test('work that throws is rolled back; a nested run that throws undoes only its own writes', () => {
  const { db } = rowsFile('rollback');
  const writes = new WriteTransactions(db);
  assert.throws(
    () =>
      writes.run(() => {
        insert(db, 'undone');
        throw new Error('refused');
      }),
    /refused/,
  );
  const kept = writes.run(() => {
    insert(db, 'outer');
    assert.throws(() =>
      writes.run(() => {
        insert(db, 'inner');
        throw new Error('inner refused');
      }),
    );
    return 'committed';
  });
  assert.equal(kept, 'committed');
  assert.deepEqual(names(db), ['outer']);
  db.close();
});
