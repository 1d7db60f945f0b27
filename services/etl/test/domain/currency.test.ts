import assert from 'node:assert/strict';
import { test } from 'node:test';
import { currencyRatesOf, RateBook } from '../../src/domain/currency.js';

const rates = new RateBook([
  { currency: 'SGD', perUsd: 1.3, asOf: '2026-03-01' },
  { currency: 'SGD', perUsd: 1.35, asOf: '2026-01-01' },
  { currency: 'EUR', perUsd: 0.9, asOf: '2026-01-01' },
]);

test('a salary converts at the rate in force on its day', () => {
  assert.equal(rates.toUsd(135_000, 'SGD', '2026-02-28'), 100_000);
  assert.equal(rates.toUsd(130_000, 'SGD', '2026-03-01'), 100_000);
  assert.equal(rates.toUsd(135_000, 'SGD', '2025-06-01'), 100_000, 'before every rate: the oldest one');
  assert.equal(rates.toUsd(130_000, 'SGD', undefined), 100_000, 'no day: the newest one');
});

test('USD needs no rate; an unknown currency or amount gives no figure', () => {
  assert.equal(rates.toUsd(50_000, 'USD', '2026-01-01'), 50_000);
  assert.equal(rates.toUsd(50_000, 'JPY', '2026-01-01'), null);
  assert.equal(rates.toUsd(null, 'SGD', '2026-01-01'), null);
});

test('rates are read from the stored config, skipping malformed entries', () => {
  const item = {
    key: 'current',
    config: {
      currencyRates: [
        { currency: 'SGD', perUsd: 1.3, asOf: '2026-03-01' },
        { currency: 'X', perUsd: 'a' },
      ],
    },
  };
  assert.deepEqual(currencyRatesOf(item), [{ currency: 'SGD', perUsd: 1.3, asOf: '2026-03-01' }]);
  assert.deepEqual(currencyRatesOf(undefined), []);
});
