import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatMoney } from '../../src/domain/money-text.js';

test('formats amounts with thousands separators, no decimals', () => {
  assert.equal(formatMoney(84_000.4, 'SGD'), 'SGD 84,000');
});
