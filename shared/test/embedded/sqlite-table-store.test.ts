import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '@jobpipe/test-kit';
import { SqliteTableStore } from '../../src/embedded/sqlite-table-store.js';
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
  assert.equal((await second.get('jobs', { jobId: 'mcf:1' }))?.source, 'mcf');
  second.close();
});

test('an index added to the definitions later is filled from the items already stored', async () => {
  const path = join(dir.path, 'evolving.sqlite');
  const before = new SqliteTableStore(path, { jobs: { partitionKey: 'jobId', indexes: {}, owner: 'parser' } });
  await before.put('jobs', { jobId: 'mcf:1', source: 'mcf', lastSeenAt: '2026-03-02T00:00:00.000Z' });
  await before.put('jobs', { jobId: 'mcf:2', source: 'mcf', lastSeenAt: '2026-03-01T00:00:00.000Z', remote: true });
  await before.put('jobs', { jobId: 'gh:1', source: 'greenhouse', lastSeenAt: '2026-03-01T00:00:00.000Z' });
  before.close();

  const bySource = { partitionKey: 'source', sortKey: 'lastSeenAt' };
  const after = new SqliteTableStore(path, { jobs: { partitionKey: 'jobId', indexes: { bySource }, owner: 'parser' } });
  const page = await after.query('jobs', { index: 'bySource', partitionValue: 'mcf' });
  assert.deepEqual(
    page.items.map((item) => item.jobId),
    ['mcf:2', 'mcf:1'],
  );
  after.close();

  const byRemote = { partitionKey: 'remote', sortKey: 'jobId' };
  const changed = new SqliteTableStore(path, { jobs: { partitionKey: 'jobId', indexes: { bySource: byRemote }, owner: 'parser' } });
  const remote = await changed.query('jobs', { index: 'bySource', partitionValue: 'true' });
  assert.deepEqual(
    remote.items.map((item) => item.jobId),
    ['mcf:2'],
    'an index whose keys changed is rebuilt',
  );
  changed.close();
});

test('a store knows only the tables it was given', async () => {
  const store = new SqliteTableStore(join(dir.path, 'custom.sqlite'), { notes: { partitionKey: 'id', indexes: {}, owner: 'shared' } });
  await store.put('notes', { id: 'n1', text: 'hello' });
  assert.deepEqual(await store.get('notes', { id: 'n1' }), { id: 'n1', text: 'hello' });
  await assert.rejects(store.get('jobs', { jobId: 'x' }), /unknown table 'jobs' \(known: notes\)/);
  store.close();
});
