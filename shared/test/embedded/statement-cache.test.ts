import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { withStatementCache } from '../../src/embedded/statement-cache.js';

/** An in-memory database whose `prepare` calls are counted. */
function countingDatabase() {
  const database = new Database(':memory:');
  const prepared: string[] = [];
  const prepare = database.prepare.bind(database);
  database.prepare = ((text: string) => {
    prepared.push(text);
    return prepare(text);
  }) as typeof database.prepare;
  return { database, prepared };
}

test('a statement asked for again is prepared once, and runs as prepared', () => {
  const { database, prepared } = countingDatabase();
  database.exec('CREATE TABLE jobs (id TEXT PRIMARY KEY, score REAL)');
  const cached = withStatementCache(database);
  const upsert = 'INSERT INTO jobs (id, score) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET score = excluded.score';
  for (let n = 0; n < 5; n++) cached.prepare(upsert).run(`job-${n % 3}`, n);
  assert.equal(prepared.filter((text) => text === upsert).length, 1);
  assert.equal(cached.prepare('SELECT id, score FROM jobs ORDER BY id').reader, true);
  assert.deepEqual(cached.prepare('SELECT id, score FROM jobs ORDER BY id').all(), [
    { id: 'job-0', score: 3 },
    { id: 'job-1', score: 4 },
    { id: 'job-2', score: 2 },
  ]);
});

test('the cache keeps the statements prepared last, and a kept statement still runs after a schema change', () => {
  const { database, prepared } = countingDatabase();
  database.exec('CREATE TABLE t (a INTEGER)');
  const cached = withStatementCache(database, 2);
  const insert = 'INSERT INTO t (a) VALUES (?)';
  cached.prepare(insert).run(1);
  cached.prepare('SELECT 1');
  cached.prepare('SELECT 2'); // the insert, prepared first, is let go
  cached.prepare(insert).run(2);
  assert.equal(prepared.filter((text) => text === insert).length, 2);
  database.exec('ALTER TABLE t ADD COLUMN b TEXT');
  cached.prepare(insert).run(3);
  assert.deepEqual(database.prepare('SELECT a, b FROM t ORDER BY a').all(), [
    { a: 1, b: null },
    { a: 2, b: null },
    { a: 3, b: null },
  ]);
  cached.close();
  assert.equal(database.open, false);
});
