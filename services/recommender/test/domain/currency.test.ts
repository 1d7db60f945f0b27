import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convertAmount, formatMoney, perUsdOn, rateTable } from '../../src/domain/currency.js';

const rates = rateTable([
  { currency: 'SGD', perUsd: 1.4, asOf: '2025-01-01' },
  { currency: 'SGD', perUsd: 1.3, asOf: '2026-01-01' },
  { currency: 'GBP', perUsd: 0.8, asOf: '2026-01-01' },
]);

test('uses the latest rate dated on or before the day', () => {
  assert.equal(perUsdOn(rates, 'SGD', '2025-06-30'), 1.4);
  assert.equal(perUsdOn(rates, 'SGD', '2026-01-01'), 1.3);
  assert.equal(perUsdOn(rates, 'SGD', '2027-05-05'), 1.3);
});

test('a day before every rate uses the oldest rate', () => {
  assert.equal(perUsdOn(rates, 'SGD', '2020-01-01'), 1.4);
});

test('USD is 1 per USD without a configured rate; an unknown currency has no rate', () => {
  assert.equal(perUsdOn(rates, 'USD', '2026-01-01'), 1);
  assert.equal(perUsdOn(rates, 'JPY', '2026-01-01'), undefined);
});

test('converts through USD at the dated rates', () => {
  assert.equal(convertAmount(rates, 130_000, 'SGD', 'USD', '2026-02-01'), 100_000);
  assert.equal(convertAmount(rates, 140_000, 'SGD', 'USD', '2025-02-01'), 100_000);
  assert.equal(convertAmount(rates, 130_000, 'SGD', 'GBP', '2026-02-01'), 80_000);
  assert.equal(convertAmount(rates, 5, 'JPY', 'USD', '2026-02-01'), undefined);
  assert.equal(convertAmount(rates, 5, 'JPY', 'JPY', '2026-02-01'), 5);
});

test('formats amounts with thousands separators, no decimals', () => {
  assert.equal(formatMoney(84_000.4, 'SGD'), 'SGD 84,000');
});
