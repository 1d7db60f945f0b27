import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { exampleTableItem, tempDir } from '@jobpipe/test-kit';
import { createEmbeddedPorts } from '../../src/embedded/embedded-ports.js';
import { SqliteTableStore } from '../../src/embedded/sqlite-table-store.js';
import type { Item } from '../../src/ports/tables.js';
import { TableItemInvalid, ValidatingItemStore } from '../../src/tables/validating-item-store.js';

const dir = tempDir('jobpipe-validating-');
after(() => dir.remove());

function stores(name: string) {
  const adapter = new SqliteTableStore(join(dir.path, `${name}.sqlite`));
  return { adapter, checked: new ValidatingItemStore(adapter) };
}

const asItem = (value: object) => value as Item;

test('an item that matches its table schema is written as it is', async () => {
  const { adapter, checked } = stores('valid');
  const crm = exampleTableItem('crm', 'valid-basic');
  assert.equal(await checked.put('crm', asItem(crm)), true);
  assert.deepEqual(await adapter.get('crm', { jobId: crm.jobId }), crm);
  adapter.close();
});

test('an item that does not match is refused naming the field, and nothing is written', async () => {
  const { adapter, checked } = stores('invalid');
  const crm = { ...exampleTableItem('crm', 'valid-basic'), stage: 'maybe' };
  await assert.rejects(checked.put('crm', crm), (error: unknown) => {
    assert.ok(error instanceof TableItemInvalid);
    assert.equal(error.code, 'TABLE_ITEM_INVALID');
    assert.match(error.message, /'crm'.*\/stage: must be equal to one of the allowed values/);
    return true;
  });
  assert.equal(await adapter.get('crm', { jobId: crm.jobId }), undefined);
  adapter.close();
});

test('a batch or a transaction with one bad item writes none of it', async () => {
  const { adapter, checked } = stores('batch');
  const good = exampleTableItem('apiKeys', 'valid-basic');
  const bad = { ...good, keyHash: 'b'.repeat(64), scope: 'admin' };
  await assert.rejects(checked.putMany('apiKeys', [asItem(good), bad]), /\/scope: must be equal to one of the allowed values/);
  await assert.rejects(
    checked.transact([
      { table: 'apiKeys', item: asItem(good) },
      { table: 'apiKeys', item: bad },
    ]),
    TableItemInvalid,
  );
  assert.deepEqual((await adapter.scan('apiKeys')).items, []);
  adapter.close();
});

test('the embedded ports tests build check every write; a service process turns the check off', async () => {
  const malformed = { ...exampleTableItem('sessions', 'valid-ok'), status: 'asleep' } as never;
  const checked = createEmbeddedPorts({ dataDir: join(dir.path, 'checked'), secretKey: undefined }, 'auth-refresher');
  try {
    await assert.rejects(checked.tables.put('sessions', malformed), TableItemInvalid);
  } finally {
    await checked.close();
  }
  const unchecked = createEmbeddedPorts({ dataDir: join(dir.path, 'unchecked'), secretKey: undefined }, 'auth-refresher', {
    checkTableWrites: false,
  });
  try {
    assert.equal(await unchecked.tables.put('sessions', malformed), true);
  } finally {
    await unchecked.close();
  }
});
