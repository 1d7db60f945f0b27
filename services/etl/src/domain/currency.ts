/** One dated exchange rate from the user's config: how many units of `currency` buy one US dollar. */
export interface CurrencyRate {
  readonly currency: string;
  readonly perUsd: number;
  /** Day the rate applies from (YYYY-MM-DD). */
  readonly asOf: string;
}

/**
 * Dated exchange rates, looked up by currency and day: the rate in force on a day is the newest one
 * dated on or before it; a day older than every rate uses the oldest rate (the best estimate there is).
 */
export class RateBook {
  private readonly byCurrency = new Map<string, CurrencyRate[]>();

  constructor(rates: readonly CurrencyRate[]) {
    for (const rate of rates) {
      if (!(rate.perUsd > 0)) continue;
      const list = this.byCurrency.get(rate.currency) ?? [];
      list.push(rate);
      this.byCurrency.set(rate.currency, list);
    }
    for (const list of this.byCurrency.values()) list.sort((a, b) => a.asOf.localeCompare(b.asOf));
  }

  /** Units of `currency` per USD on `day` (YYYY-MM-DD; undefined = newest), or undefined when unknown. */
  perUsd(currency: string, day: string | undefined): number | undefined {
    if (currency === 'USD') return 1;
    const list = this.byCurrency.get(currency);
    if (!list || list.length === 0) return undefined;
    if (day === undefined) return list[list.length - 1]!.perUsd;
    let chosen = list[0]!;
    for (const rate of list) {
      if (rate.asOf > day) break;
      chosen = rate;
    }
    return chosen.perUsd;
  }

  /** `amount` in `currency` converted to USD at the rate of `day`; null when either is unknown. */
  toUsd(amount: number | null, currency: string | null, day: string | undefined): number | null {
    if (amount === null || currency === null) return null;
    const perUsd = this.perUsd(currency, day);
    return perUsd === undefined ? null : amount / perUsd;
  }
}

/** The dated rates of a stored config document (`{ config: { currencyRates } }`), ignoring malformed entries. */
export function currencyRatesOf(configItem: Record<string, unknown> | undefined): CurrencyRate[] {
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
