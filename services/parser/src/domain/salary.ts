import type { NormalizedJob } from '@jobpipe/contracts';
import type { SalaryFigures, SalaryPeriod } from './extracted-posting.js';

/** Normalized salary of a job (figures, period, annual figures, basis). */
export type NormalizedSalary = NonNullable<NormalizedJob['salary']>;

/** Paid periods in a working year: 40 h × 52 weeks, 5 days × 52 weeks. */
export const ANNUAL_FACTOR: Readonly<Record<SalaryPeriod, number>> = { hour: 2080, day: 260, week: 52, month: 12, year: 1 };

/** What a period word or code means: a period, a two-week period (no such period in the schema), or no pay. */
export type PeriodReading = SalaryPeriod | 'biweekly' | 'unpaid';

const PERIOD_WORDS: Readonly<Record<string, PeriodReading>> = {
  hour: 'hour',
  hours: 'hour',
  hourly: 'hour',
  hr: 'hour',
  hrs: 'hour',
  h: 'hour',
  ph: 'hour',
  perhour: 'hour',
  perhourwage: 'hour',
  day: 'day',
  days: 'day',
  daily: 'day',
  pd: 'day',
  perday: 'day',
  perdaywage: 'day',
  perdiem: 'day',
  week: 'week',
  weeks: 'week',
  weekly: 'week',
  wk: 'week',
  pw: 'week',
  perweek: 'week',
  perweeksalary: 'week',
  bw: 'biweekly',
  biweekly: 'biweekly',
  fortnight: 'biweekly',
  fortnightly: 'biweekly',
  everytwoweeks: 'biweekly',
  month: 'month',
  months: 'month',
  monthly: 'month',
  mo: 'month',
  mth: 'month',
  pm: 'month',
  permonth: 'month',
  permonthsalary: 'month',
  year: 'year',
  years: 'year',
  yearly: 'year',
  annual: 'year',
  annually: 'year',
  annum: 'year',
  yr: 'year',
  pa: 'year',
  peryear: 'year',
  perannum: 'year',
  peryearsalary: 'year',
  schoolyear: 'year',
  sy: 'year',
  wc: 'unpaid',
  withoutcompensation: 'unpaid',
  fb: 'unpaid',
  feebasis: 'unpaid',
  onetime: 'unpaid',
};

/**
 * Reads a period as sources write it: schema.org unitText (HOUR…YEAR, any case), USAJOBS RateIntervalCode
 * (PA/PH/PD/PW/BW/PM/WC) or its description ("Per Year"), MCF salaryType ("Monthly"), Lever intervals
 * ("per-year-salary"). Undefined when the word is not a period.
 */
export function readPeriod(word: string | null | undefined): PeriodReading | undefined {
  if (!word) return undefined;
  return PERIOD_WORDS[word.toLowerCase().replace(/[^a-z]/g, '')];
}

/** A money figure as sources write it: 50000, "50,000", "$50,000.00", "50k", "1.2m". */
export function readAmount(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const match = /(\d[\d,.\s]*)\s*([kKmM])?\b/.exec(value.replace(/\u00a0/g, ' '));
  if (!match?.[1]) return null;
  let digits = match[1].trim().replace(/[\s,]/g, '');
  // "60.000" (European thousands) vs "60.50": a dot followed by exactly three digits and nothing else is a separator.
  if (/^\d{1,3}(\.\d{3})+$/.test(digits)) digits = digits.replace(/\./g, '');
  const number = Number(digits);
  if (!Number.isFinite(number)) return null;
  const scale = match[2] ? (match[2].toLowerCase() === 'k' ? 1_000 : 1_000_000) : 1;
  return number * scale;
}

/** A figure times its period's factor, to the cent. */
const annualAmount = (value: number | null, factor: number) => (value === null ? null : Math.round(value * factor * 100) / 100);

/** Adds the annual figures to salary figures. */
export function annualize(figures: SalaryFigures): NormalizedSalary {
  const factor = ANNUAL_FACTOR[figures.period];
  // Written out, not spread: a spread copies through V8's slow generic path when the objects' hidden
  // classes vary, as they do across sources (a figure is a small integer, a double or null).
  const { min, max, currency, period, basis } = figures;
  return { min, max, currency, period, basis, annualMin: annualAmount(min, factor), annualMax: annualAmount(max, factor) };
}

/**
 * Builds salary figures from a source's structured values; null when there is no usable figure or the
 * period means no pay. Swapped bounds are put in order; a two-week figure becomes a weekly one.
 */
export function salaryFigures(
  min: unknown,
  max: unknown,
  currency: string,
  period: PeriodReading,
  basis: 'stated' | 'inferred',
): SalaryFigures | null {
  if (period === 'unpaid') return null;
  let low = readAmount(min);
  let high = readAmount(max);
  if (low === 0 && high !== null && high > 0) low = null;
  if (high === 0) high = null;
  if (low === null && high === null) return null;
  if (low !== null && high !== null && low > high) [low, high] = [high, low];
  if (period === 'biweekly') {
    return { min: low === null ? null : low / 2, max: high === null ? null : high / 2, currency, period: 'week', basis };
  }
  return { min: low, max: high, currency, period, basis };
}

/** The period a bare figure most likely means, from its size (used when a source states none). */
export function periodFromMagnitude(amount: number): SalaryPeriod {
  if (amount < 200) return 'hour';
  if (amount < 1_000) return 'day';
  if (amount < 20_000) return 'month';
  return 'year';
}
