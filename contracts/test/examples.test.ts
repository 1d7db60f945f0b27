import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { contracts, eventSchemaFiles, readJson } from '../src/index.js';

const registry = contracts();

for (const file of eventSchemaFiles()) {
  const folder = join(file.path, '..', 'examples');
  const examples = readdirSync(folder).sort();
  describe(`${file.detailType} v${file.major} examples`, () => {
    test('has at least one valid and one invalid example', () => {
      assert.ok(examples.some((name) => name.startsWith('valid-')));
      assert.ok(examples.some((name) => name.startsWith('invalid-')));
    });
    for (const name of examples.filter((example) => example.startsWith('valid-'))) {
      test(`accepts ${name}`, () => {
        assert.deepEqual(registry.validate(file.detailType, readJson(join(folder, name))), { ok: true });
      });
    }
    for (const name of examples.filter((example) => example.startsWith('invalid-'))) {
      test(`rejects ${name} naming the field`, () => {
        const { $expectError, detail } = readJson<{ $expectError: string; detail: unknown }>(join(folder, name));
        const result = registry.validate(file.detailType, detail);
        assert.equal(result.ok, false);
        assert.ok(
          !result.ok && result.errors.some((error) => error.startsWith(`${$expectError}:`)),
          `expected an error at ${$expectError}, got ${JSON.stringify(!result.ok && result.errors)}`,
        );
      });
    }
  });
}

test('an unknown detail-type and an unsupported major are refused with a reason', () => {
  const valid = readJson<{ meta: { schemaVersion: string } }>(join(eventSchemaFiles()[0]!.path, '..', 'examples', 'valid-basic.json'));
  assert.deepEqual(registry.validate('job.teleported', valid), { ok: false, errors: ["unknown detail-type 'job.teleported'"] });
  const future = { ...valid, meta: { ...valid.meta, schemaVersion: '9.0' } };
  const result = registry.validate(eventSchemaFiles()[0]!.detailType, future);
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.errors[0]! : '', /major 9 .* not supported/);
});
