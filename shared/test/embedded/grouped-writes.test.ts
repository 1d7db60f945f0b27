import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { TABLES } from '@jobpipe/contracts';
import { tempDir } from '@jobpipe/test-kit';
import { GroupedWrites } from '../../src/embedded/grouped-writes.js';
import { openSqlite } from '../../src/embedded/sqlite.js';
import { SqliteTableStore } from '../../src/embedded/sqlite-table-store.js';
import { WriteTransactions } from '../../src/embedded/write-transactions.js';

const dir = tempDir('jobpipe-grouped-');
after(() => dir.remove());

test('puts asked for together commit in one transaction, in order, each with its own condition and result', async () => {
  const store = new SqliteTableStore(join(dir.path, 'together.sqlite'), TABLES, { groupWrites: true });
  // Each group is one flush of the store's pending writes: count them.
  const writes = (store as unknown as { writes: { flush(): void } }).writes;
  const flush = writes.flush.bind(writes);
  let transactions = 0;
  writes.flush = () => {
    transactions++;
    flush();
  };
  const results = await Promise.all([
    store.put('jobs', { jobId: 'a', contentHash: '1' }, { kind: 'notExists' }),
    store.put('jobs', { jobId: 'a', contentHash: '2' }, { kind: 'notExists' }),
    store.put(
      'jobs',
      { jobId: 'a', contentHash: '3' },
      { kind: 'compare', attribute: 'contentHash', op: 'eq', value: '1', orNotExists: false },
    ),
    store.put('jobs', { jobId: 'b', contentHash: '1' }),
  ]);
  assert.deepEqual(results, [true, false, true, true]);
  assert.equal(transactions, 1);
  assert.equal((await store.get('jobs', { jobId: 'a' }))?.contentHash, '3');
  store.close();
});

test('a failing write in a group rejects only its own caller', async () => {
  const store = new SqliteTableStore(join(dir.path, 'failing.sqlite'), TABLES, { groupWrites: true });
  const [good, bad, later] = await Promise.allSettled([
    store.put('jobs', { jobId: 'ok-1' }),
    store.put('jobs', { jobId: '' }),
    store.put('jobs', { jobId: 'ok-2' }),
  ]);
  assert.equal(good.status, 'fulfilled');
  assert.equal(bad.status, 'rejected');
  assert.match(String((bad as PromiseRejectedResult).reason), /key attribute 'jobId' must be a non-empty string/);
  assert.equal(later.status, 'fulfilled');
  assert.ok(await store.get('jobs', { jobId: 'ok-2' }));
  store.close();
});

test('a store closing with writes still waiting commits them first', async () => {
  const path = join(dir.path, 'closing.sqlite');
  const store = new SqliteTableStore(path, TABLES, { groupWrites: true });
  const written = store.put('jobs', { jobId: 'late' });
  store.close();
  assert.equal(await written, true);
  const reopened = new SqliteTableStore(path);
  assert.ok(await reopened.get('jobs', { jobId: 'late' }));
  reopened.close();
});

test('without grouping, each put commits in its own transaction before it returns', async () => {
  const store = new SqliteTableStore(join(dir.path, 'ungrouped.sqlite'));
  const written = store.put('jobs', { jobId: 'now' });
  const read = store.get('jobs', { jobId: 'now' });
  assert.ok(await read, 'a read asked for right after the put sees it');
  assert.equal(await written, true);
  store.close();
});

test('a write that fails after changing rows leaves none of its changes, in a group and alone', async () => {
  const db = openSqlite(join(dir.path, 'undo.sqlite'));
  db.exec('CREATE TABLE rows (name TEXT PRIMARY KEY)');
  const grouped = new GroupedWrites(db, new WriteTransactions(db));
  const insert = db.prepare('INSERT INTO rows (name) VALUES (?)');
  const failingAfter = (name: string) => () => {
    insert.run(name);
    throw new Error(`${name} failed after its insert`);
  };
  const group = await Promise.allSettled([
    grouped.run(() => insert.run('first')),
    grouped.run(failingAfter('middle')),
    grouped.run(() => insert.run('last')),
  ]);
  assert.deepEqual(
    group.map((outcome) => outcome.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
  await assert.rejects(grouped.run(failingAfter('alone')), /alone failed after its insert/);
  assert.deepEqual(db.prepare('SELECT name FROM rows ORDER BY name').pluck().all(), ['first', 'last']);
  db.close();
});
