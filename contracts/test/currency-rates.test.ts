import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateBook } from '../src/index.js';

const rates = new RateBook([
  { currency: 'SGD', perUsd: 1.3, asOf: '2026-01-01' },
  { currency: 'SGD', perUsd: 1.4, asOf: '2025-01-01' },
  { currency: 'GBP', perUsd: 0.8, asOf: '2026-01-01' },
  { currency: 'EUR', perUsd: 0, asOf: '2026-01-01' },
]);

test('a figure converts at the newest rate dated on or before its day, whatever order the config lists them in', () => {
  assert.equal(rates.perUsd('SGD', '2025-06-30'), 1.4);
  assert.equal(rates.perUsd('SGD', '2026-01-01'), 1.3);
  assert.equal(rates.perUsd('SGD', '2027-05-05'), 1.3);
});

test('a day before every rate uses the oldest rate', () => {
  assert.equal(rates.perUsd('SGD', '2020-01-01'), 1.4);
});

test('USD is the base; a currency without a usable rate has none', () => {
  assert.equal(rates.perUsd('USD', '2026-01-01'), 1);
  assert.equal(new RateBook([{ currency: 'USD', perUsd: 2, asOf: '2026-01-01' }]).perUsd('USD', '2026-01-01'), 1);
  assert.equal(rates.perUsd('JPY', '2026-01-01'), undefined);
  assert.equal(rates.perUsd('EUR', '2026-01-01'), undefined, 'a rate of 0 is ignored');
});

test('converts through USD at the dated rates', () => {
  assert.equal(rates.convert(130_000, 'SGD', 'USD', '2026-02-01'), 100_000);
  assert.equal(rates.convert(140_000, 'SGD', 'USD', '2025-02-01'), 100_000);
  assert.equal(rates.convert(130_000, 'SGD', 'GBP', '2026-02-01'), 80_000);
  assert.equal(rates.convert(50_000, 'USD', 'SGD', '2026-02-01'), 65_000);
  assert.equal(rates.convert(5, 'JPY', 'USD', '2026-02-01'), undefined);
  assert.equal(rates.convert(5, 'JPY', 'JPY', '2026-02-01'), 5, 'the same currency needs no rate');
});
