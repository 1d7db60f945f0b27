import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoInstant } from '../../src/domain/timestamps.js';

test('an instant already written by toISOString is kept as it is', () => {
  assert.equal(isoInstant('2026-03-01T08:15:00.000Z'), '2026-03-01T08:15:00.000Z');
  assert.equal(isoInstant('2026-12-28T23:59:59.999Z'), '2026-12-28T23:59:59.999Z');
});

test('other forms of an instant are rewritten in the fixed-width UTC form', () => {
  assert.equal(isoInstant('2026-03-01T08:15:00+08:00'), '2026-03-01T00:15:00.000Z');
  assert.equal(isoInstant('2026-03-01T08:15:00Z'), '2026-03-01T08:15:00.000Z');
  assert.equal(isoInstant('2026-03-01'), '2026-03-01T00:00:00.000Z');
  assert.equal(isoInstant('2026-12-31T23:59:59.999Z'), '2026-12-31T23:59:59.999Z');
});

test('a day past the end of its month rolls over as Date reads it, in every form', () => {
  assert.equal(isoInstant('2026-02-30T10:00:00.000Z'), '2026-03-02T10:00:00.000Z');
  assert.equal(isoInstant('2026-02-29T00:00:00.000Z'), '2026-03-01T00:00:00.000Z');
  assert.equal(isoInstant('2028-02-29T00:00:00.000Z'), '2028-02-29T00:00:00.000Z');
});

test('what is not an instant is null', () => {
  for (const value of ['', 'soon', '2026-13-01T00:00:00.000Z', 42, null, undefined]) assert.equal(isoInstant(value), null, String(value));
});
