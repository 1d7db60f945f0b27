import type { JobpipeConfig } from './generated/types.js';

/** One dated rate of the config's `currencyRates`: how many units of `currency` buy one US dollar from `asOf` on. */
export type CurrencyRate = NonNullable<JobpipeConfig['currencyRates']>[number];

/**
 * The config's dated exchange rates, looked up by currency and day. A figure converts at the rate in
 * force on the day it was stated: the newest rate dated on or before that day, or, when every rate is
 * newer, the oldest one (the best estimate there is). USD is the base: always 1 per USD. Rates that are
 * not positive are ignored (the schema forbids them; a stored config read without validation may not).
 */
export class RateBook {
  private readonly byCurrency = new Map<string, CurrencyRate[]>();

  constructor(rates: readonly CurrencyRate[] = []) {
    for (const rate of rates) {
      if (!(rate.perUsd > 0)) continue;
      const list = this.byCurrency.get(rate.currency) ?? [];
      list.push(rate);
      this.byCurrency.set(rate.currency, list);
    }
    for (const list of this.byCurrency.values()) list.sort((a, b) => a.asOf.localeCompare(b.asOf) || a.perUsd - b.perUsd);
  }

  /** Units of `currency` per US dollar on `day` (YYYY-MM-DD), or undefined when the config has no rate for it. */
  perUsd(currency: string, day: string): number | undefined {
    if (currency === 'USD') return 1;
    const rates = this.byCurrency.get(currency);
    if (!rates) return undefined;
    let chosen = rates[0]!;
    for (const rate of rates) {
      if (rate.asOf > day) break;
      chosen = rate;
    }
    return chosen.perUsd;
  }

  /** `amount` in `from` converted to `to` through USD at the rates of `day`, or undefined when a rate is missing. */
  convert(amount: number, from: string, to: string, day: string): number | undefined {
    if (from === to) return amount;
    const fromPerUsd = this.perUsd(from, day);
    const toPerUsd = this.perUsd(to, day);
    if (fromPerUsd === undefined || toPerUsd === undefined) return undefined;
    return (amount / fromPerUsd) * toPerUsd;
  }
}
