import assert from 'node:assert/strict';
import { test } from 'node:test';
import { currencyRatesOf } from '../../src/domain/stored-currency-rates.js';

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
