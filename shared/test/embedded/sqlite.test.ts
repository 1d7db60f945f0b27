import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '@jobpipe/test-kit';
import { BUSY_TIMEOUT_MS, openSqlite } from '../../src/embedded/sqlite.js';

const dir = tempDir('jobpipe-sqlite-');
after(() => dir.remove());

test('openSqlite: WAL, synchronous NORMAL, the busy timeout, and temporary files (savepoint journals) in memory', () => {
  const db = openSqlite(join(dir.path, 'settings.sqlite'));
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('synchronous', { simple: true }), 1, 'NORMAL');
  assert.equal(db.pragma('busy_timeout', { simple: true }), BUSY_TIMEOUT_MS);
  // 2 = MEMORY: a grouped transaction's savepoints journal the pages they change; past 64 KiB that
  // journal spilled to a temporary file, created and deleted on every such transaction.
  assert.equal(db.pragma('temp_store', { simple: true }), 2, 'MEMORY');
  // No memory map: every mapped page a process touches counts in its resident memory.
  assert.equal(db.pragma('mmap_size', { simple: true }), 0);
  db.close();
});
