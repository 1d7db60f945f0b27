import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { contracts, readJson, SERVICE_NAMES, TABLE_NAMES, TABLES, type TableName, tableSchemaFiles, tablesOwnedBy } from '../src/index.js';

const registry = contracts();

test('every table has an item schema, and every item schema a table', () => {
  assert.deepEqual(
    tableSchemaFiles().map((file) => file.table),
    [...TABLE_NAMES].sort(),
  );
});

test('every table is owned by one service of the topology (or by the shared runtime)', () => {
  for (const name of TABLE_NAMES) {
    const owner = TABLES[name].owner;
    assert.ok(owner === 'shared' || (SERVICE_NAMES as readonly string[]).includes(owner), `${name} is owned by '${owner}'`);
  }
  assert.deepEqual(tablesOwnedBy('crm-api'), [
    'crm',
    'crmHistory',
    'applications',
    'config',
    'apiKeys',
    'proposals',
    'imports',
    'readModel',
    'sourceRuns',
    'idempotencyKeys',
  ]);
  assert.deepEqual(tablesOwnedBy('applier'), ['applierState']);
});

for (const file of tableSchemaFiles()) {
  const table = file.table as TableName;
  const folder = join(file.path, '..', 'examples');
  const examples = readdirSync(folder).sort();
  describe(`tables/${table} examples`, () => {
    test('has at least one valid and one invalid example', () => {
      assert.ok(examples.some((name) => name.startsWith('valid-')));
      assert.ok(examples.some((name) => name.startsWith('invalid-')));
    });
    for (const name of examples.filter((example) => example.startsWith('valid-'))) {
      test(`accepts ${name}`, () => {
        assert.deepEqual(registry.validateTableItem(table, readJson(join(folder, name))), { ok: true });
      });
    }
    for (const name of examples.filter((example) => example.startsWith('invalid-'))) {
      test(`rejects ${name} naming the field`, () => {
        const { $expectError, item } = readJson<{ $expectError: string; item: unknown }>(join(folder, name));
        const result = registry.validateTableItem(table, item);
        assert.equal(result.ok, false);
        assert.ok(
          !result.ok && result.errors.some((error) => error.startsWith(`${$expectError}:`)),
          `expected an error at ${$expectError}, got ${JSON.stringify(!result.ok && result.errors)}`,
        );
      });
    }
  });
}

test('an item of an unknown table is refused with a reason', () => {
  assert.deepEqual(registry.validateTableItem('teleports' as TableName, {}), { ok: false, errors: ["unknown table 'teleports'"] });
});
