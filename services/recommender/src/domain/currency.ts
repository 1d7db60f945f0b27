/**
 * Converts salary figures between currencies with the dated rates of the user's config
 * (`currencyRates`: units of a currency per US dollar, as of a day). A figure is converted at the rate
 * in force on the day it was stated: the latest rate dated on or before that day, or, when every rate
 * is newer, the oldest one. USD is 1 per USD unless the config says otherwise.
 */
import type { JobpipeConfig } from '@jobpipe/contracts';

/** One dated rate from the config. */
export type CurrencyRate = NonNullable<JobpipeConfig['currencyRates']>[number];

/** Rates grouped by currency, oldest first, ready for lookups. */
export type RateTable = ReadonlyMap<string, readonly CurrencyRate[]>;

/** Groups and sorts the config's rates. */
export function rateTable(rates: readonly CurrencyRate[] = []): RateTable {
  const table = new Map<string, CurrencyRate[]>();
  for (const rate of rates) {
    const list = table.get(rate.currency) ?? [];
    list.push(rate);
    table.set(rate.currency, list);
  }
  for (const list of table.values()) list.sort((a, b) => a.asOf.localeCompare(b.asOf) || a.perUsd - b.perUsd);
  return table;
}

/** Units of `currency` per US dollar on `day` (YYYY-MM-DD), or undefined when the config has no rate. */
export function perUsdOn(table: RateTable, currency: string, day: string): number | undefined {
  const rates = table.get(currency);
  if (!rates || rates.length === 0) return currency === 'USD' ? 1 : undefined;
  let chosen = rates[0]!;
  for (const rate of rates) {
    if (rate.asOf <= day) chosen = rate;
    else break;
  }
  return chosen.perUsd;
}

/** Converts an amount from one currency to another on a day, or undefined when a rate is missing. */
export function convertAmount(table: RateTable, amount: number, from: string, to: string, day: string): number | undefined {
  if (from === to) return amount;
  const fromPerUsd = perUsdOn(table, from, day);
  const toPerUsd = perUsdOn(table, to, day);
  if (fromPerUsd === undefined || toPerUsd === undefined) return undefined;
  return (amount / fromPerUsd) * toPerUsd;
}

const MONEY = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "SGD 84,000" — how amounts read in reasons. */
export function formatMoney(amount: number, currency: string): string {
  return `${currency} ${MONEY.format(amount)}`;
}
