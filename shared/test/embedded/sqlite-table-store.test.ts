import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { SqliteTableStore } from '../../src/embedded/sqlite-table-store.js';
import { tempDir } from '../../src/testing/index.js';
import { tableStoreSuite } from '../contract/table-store-suite.js';

const dir = tempDir('jobpipe-tables-');
after(() => dir.remove());
let stores = 0;

tableStoreSuite('SQLite', async () => {
  const store = new SqliteTableStore(join(dir.path, `tables-${++stores}.sqlite`));
  return { store, close: async () => store.close() };
});

test('SQLite tables survive reopening the file (durable)', async () => {
  const path = join(dir.path, 'durable.sqlite');
  const first = new SqliteTableStore(path);
  await first.put('jobs', { jobId: 'mcf:1', source: 'mcf', lastSeenAt: '2026-03-01T00:00:00.000Z' });
  first.close();
  const second = new SqliteTableStore(path);
  assert.equal((await second.get<{ source: string }>('jobs', { jobId: 'mcf:1' }))?.source, 'mcf');
  second.close();
});
