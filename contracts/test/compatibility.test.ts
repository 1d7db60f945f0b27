import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { breakingChanges, dereferenceFile, eventSchemaFiles } from '../src/index.js';

const releasedDir = join(import.meta.dirname, '..', 'released');

describe('released schemas only change compatibly within a major version', () => {
  const files = eventSchemaFiles();
  for (const file of files) {
    const released = join(releasedDir, file.detailType, `v${file.major}`, 'schema.json');
    test(`${file.detailType} v${file.major}`, (t) => {
      if (!existsSync(released)) {
        t.skip('not released yet (a new major version may take any shape)');
        return;
      }
      assert.deepEqual(breakingChanges(dereferenceFile(released), dereferenceFile(file.path)), []);
    });
  }

  test('the lifecycle events are released, so their shape is held from now on', () => {
    const lifecycle = ['job.closed/v1', 'job.reopened/v1', 'job.flagged/v1', 'job.scored/v2', 'scrape.finished/v1'];
    for (const version of lifecycle) assert.ok(existsSync(join(releasedDir, version, 'schema.json')), `${version} is released`);
  });
});

describe('breakingChanges', () => {
  const base = {
    type: 'object',
    required: ['id', 'score'],
    properties: { id: { type: 'string' }, score: { type: 'number', maximum: 100 }, note: { type: 'string' } },
  };
  const withChange = (change: (schema: typeof base & Record<string, unknown>) => void) => {
    const copy = structuredClone(base) as typeof base & Record<string, unknown>;
    change(copy);
    return breakingChanges(base, copy);
  };

  test('adding an optional field or changing a description is compatible', () => {
    assert.deepEqual(
      withChange((s) => {
        (s.properties as Record<string, unknown>).extra = { type: 'boolean' };
        s.description = 'new words';
      }),
      [],
    );
  });
  test('adding a required field is breaking', () => {
    assert.deepEqual(
      withChange((s) => {
        (s.properties as Record<string, unknown>).extra = { type: 'boolean' };
        s.required.push('extra');
      }),
      ['/extra: added as required (only optional fields may be added)'],
    );
  });
  test('removing a field, making one optional or required, changing a type or a bound is breaking', () => {
    assert.deepEqual(
      withChange((s) => {
        delete (s.properties as Record<string, unknown>).note;
      }),
      ['/note: removed'],
    );
    assert.deepEqual(
      withChange((s) => {
        s.required = ['id'];
      }),
      ['/score: no longer required'],
    );
    assert.deepEqual(
      withChange((s) => {
        s.required.push('note');
      }),
      ['/note: became required'],
    );
    assert.deepEqual(
      withChange((s) => {
        s.properties.id.type = 'number';
      }),
      ['/id: \'type\' changed from "string" to "number"'],
    );
    assert.deepEqual(
      withChange((s) => {
        s.properties.score.maximum = 10;
      }),
      ["/score: 'maximum' changed from 100 to 10"],
    );
  });
  test('appending enum values (a new source) is compatible; removing or reordering them is breaking', () => {
    assert.deepEqual(breakingChanges({ enum: ['a', 'b'] }, { enum: ['a', 'b', 'c'] }), []);
    assert.equal(breakingChanges({ enum: ['a', 'b'] }, { enum: ['c', 'a', 'b'] }).length, 1);
    assert.equal(breakingChanges({ enum: ['a', 'b'] }, { enum: ['b', 'a', 'c'] }).length, 1);
  });

  test('narrowing an enum is breaking', () => {
    assert.equal(breakingChanges({ enum: ['a', 'b'] }, { enum: ['a'] }).length, 1);
  });
});
