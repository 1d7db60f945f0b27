import assert from 'node:assert/strict';
import { test } from 'node:test';
import { takeToken } from '../../src/domain/token-bucket.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 9, minutes));

test('a new bucket allows a burst of the hourly cap, then one more per 3600/cap seconds, never above the cap', () => {
  let bucket = takeToken(undefined, 3, at(0));
  bucket = takeToken(bucket, 3, at(0));
  bucket = takeToken(bucket, 3, at(0));
  assert.equal(bucket?.tokens, 0);
  assert.equal(takeToken(bucket, 3, at(19)), undefined, '19 minutes refill 0.95 of a token');
  const refilled = takeToken(bucket, 3, at(20));
  assert.ok(refilled && Math.abs(refilled.tokens) < 1e-9, '20 minutes refill one');
  assert.equal(takeToken(bucket, 3, at(600))?.tokens, 2, 'ten idle hours refill to the cap, not beyond');
});
