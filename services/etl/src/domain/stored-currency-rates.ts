import type { CurrencyRate } from '@jobpipe/contracts';

/** The dated rates of a stored config document (`{ config: { currencyRates } }`), ignoring malformed entries. */
export function currencyRatesOf(configItem: { readonly config?: unknown } | undefined): CurrencyRate[] {
  const config = configItem?.config as { currencyRates?: unknown } | undefined;
  if (!Array.isArray(config?.currencyRates)) return [];
  return config.currencyRates.filter(
    (rate): rate is CurrencyRate =>
      typeof rate === 'object' &&
      rate !== null &&
      typeof rate.currency === 'string' &&
      typeof rate.perUsd === 'number' &&
      typeof rate.asOf === 'string' &&
      /^\d{4}-\d{2}-\d{2}/.test(rate.asOf),
  );
}
