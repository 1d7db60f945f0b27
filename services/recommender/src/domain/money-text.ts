const MONEY = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "SGD 84,000" — how amounts read in reasons. */
export function formatMoney(amount: number, currency: string): string {
  return `${currency} ${MONEY.format(amount)}`;
}
