import type { SalaryFigures, SalaryPeriod } from './extracted-posting.js';
import { periodFromMagnitude, readAmount, readPeriod } from './salary.js';

const CURRENCY_MARKERS: Readonly<Record<string, string>> = {
  us$: 'USD',
  usd: 'USD',
  s$: 'SGD',
  sg$: 'SGD',
  sgd: 'SGD',
  a$: 'AUD',
  au$: 'AUD',
  aud: 'AUD',
  c$: 'CAD',
  ca$: 'CAD',
  cad: 'CAD',
  nz$: 'NZD',
  nzd: 'NZD',
  hk$: 'HKD',
  hkd: 'HKD',
  '£': 'GBP',
  gbp: 'GBP',
  '€': 'EUR',
  eur: 'EUR',
  '₹': 'INR',
  inr: 'INR',
  rs: 'INR',
  'rs.': 'INR',
  '¥': 'JPY',
  jpy: 'JPY',
  chf: 'CHF',
  myr: 'MYR',
  rm: 'MYR',
  php: 'PHP',
  '₱': 'PHP',
  idr: 'IDR',
  rp: 'IDR',
};
const CURRENCY = String.raw`(US\$|SG\$|S\$|AU\$|A\$|CA\$|C\$|NZ\$|HK\$|USD|SGD|AUD|CAD|NZD|HKD|GBP|EUR|INR|JPY|CHF|MYR|PHP|IDR|Rs\.?|RM|Rp|[$£€₹¥₱])`;
// Indian grouping (8,00,000) first, then thousands separators, then plain digits.
const NUMBER = String.raw`(\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?|\d{1,3}(?:[,.\u00a0 ]\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d+)?)`;
const SUFFIX = String.raw`(?:\s?([kKmM])(?![a-zA-Z])|\s?(lpa|LPA|lakhs?|Lakhs?|L)(?![a-zA-Z]))?`;
/** One money amount: optional currency before, the number, an optional k/m/lakh suffix, an optional currency code after. */
const AMOUNT = new RegExp(`${CURRENCY}?\\s?${NUMBER}${SUFFIX}(?:\\s?(USD|SGD|AUD|CAD|NZD|HKD|GBP|EUR|INR|JPY|CHF|MYR)\\b)?`, 'g');

const RANGE_JOINER = /^\s*(?:-|–|—|~|to|and|\/)\s*$/i;
const SALARY_WORDS = /\b(salary|salaries|pay|paid|compensation|remuneration|wage|wages|rate|ctc|package|stipend|earn|base|ote|range)\b/i;
const PERIOD_AFTER =
  /^\s*(?:(?:USD|SGD|AUD|CAD|GBP|EUR|INR)\s*)?(?:\/\s*|per\s+|an?\s+|p\.?\s?|each\s+)(hour|hr|h|day|week|wk|month|mth|mo|year|yr|annum|a\.?)\b|^\s*(?:,\s*|\(\s*)?(hourly|daily|weekly|bi-?weekly|monthly|annually|yearly|annual|p\.a\.|pa|p\.m\.|pm)\b/i;
const PERIOD_BEFORE =
  /(hourly|daily|weekly|monthly|annual|yearly|annualized)\s+(?:base\s+)?(?:salary|pay|rate|wage|compensation|stipend|range)[^.\n]{0,30}$/i;
const MAX_ONLY_BEFORE = /(up\s+to|maximum\s+of|max\.?|not\s+more\s+than|as\s+much\s+as)\s*$/i;
const MIN_ONLY_BEFORE =
  /(from|starting\s+(?:at|from)|starts\s+at|minimum\s+(?:of)?|min\.?|at\s+least|no\s+less\s+than|in\s+excess\s+of|over)\s*$/i;

interface Amount {
  readonly start: number;
  readonly end: number;
  readonly value: number;
  readonly currency: string | null;
  readonly scaled: boolean;
  readonly lakh: boolean;
}

function currencyOf(marker: string | undefined): string | null {
  if (!marker) return null;
  if (marker === '$') return 'USD?';
  return CURRENCY_MARKERS[marker.toLowerCase()] ?? null;
}

const DIGIT = /\d/g;
/** The most characters an amount has before its first digit: a three-character currency marker and a space. */
const LONGEST_MARKER = 4;

/**
 * Where the next amount can start, at or after `from`: an amount's number starts with a digit, so the
 * stretch before the next digit's marker (most of a description) is skipped rather than tried position
 * by position against every currency marker. The text's length when no digit follows.
 */
function nextAmountStart(text: string, from: number): number {
  DIGIT.lastIndex = from;
  const digit = DIGIT.exec(text);
  return digit ? Math.max(from, digit.index - LONGEST_MARKER) : text.length;
}

function amountsIn(text: string): Amount[] {
  const found: Amount[] = [];
  // exec on the pattern itself: matchAll would copy it on every call. AMOUNT never matches empty text.
  AMOUNT.lastIndex = nextAmountStart(text, 0);
  for (let match = AMOUNT.exec(text); match; AMOUNT.lastIndex = nextAmountStart(text, AMOUNT.lastIndex), match = AMOUNT.exec(text)) {
    const value = readAmount(match[2] ?? '');
    if (value === null) continue;
    const lakh = match[4] !== undefined;
    const scale = lakh ? 100_000 : match[3] ? (match[3].toLowerCase() === 'k' ? 1_000 : 1_000_000) : 1;
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      value: value * scale,
      currency: currencyOf(match[1]) ?? currencyOf(match[5]) ?? (lakh ? 'INR' : null),
      scaled: scale !== 1,
      lakh,
    });
  }
  return found;
}

function periodAround(text: string, start: number, end: number): { period: SalaryPeriod | 'biweekly'; stated: boolean } | undefined {
  const after = PERIOD_AFTER.exec(text.slice(end, end + 30));
  const word = after?.[1] ?? after?.[2];
  const reading = word ? (word.toLowerCase().startsWith('a') && word.length <= 2 ? 'year' : readPeriod(word)) : undefined;
  if (reading && reading !== 'unpaid') return { period: reading, stated: true };
  const before = PERIOD_BEFORE.exec(text.slice(Math.max(0, start - 80), start));
  const beforeReading = before?.[1] ? readPeriod(before[1].replace(/ized$/, '')) : undefined;
  if (beforeReading && beforeReading !== 'unpaid') return { period: beforeReading, stated: true };
  return undefined;
}

const NOT_PAY =
  /\b(raised|raise|funding|funded|revenue|valuation|valued|series\s+[a-f]|arr|investment|invested|budget|turnover|spend|customers|users|assets)\b[^.;\n]{0,40}$/i;

function looksLikeSalary(text: string, amount: Amount): boolean {
  if (NOT_PAY.test(text.slice(Math.max(0, amount.start - 50), amount.start))) return false;
  if (amount.currency !== null) return true;
  if (!amount.scaled && amount.value >= 1900 && amount.value <= 2100 && Number.isInteger(amount.value)) return false;
  return SALARY_WORDS.test(text.slice(Math.max(0, amount.start - 60), amount.start));
}

/**
 * Finds the first salary stated in free text ("$120,000 - $150,000 a year", "S$5k–7k monthly", "up to
 * £55k", "$45/hr", "12 LPA"). Figures without a stated period get one from their size; every result is
 * `inferred` (it did not come from structured data). `defaultCurrency` answers a bare "$" or no marker.
 */
export function salaryFromText(text: string, defaultCurrency: string | null): SalaryFigures | null {
  const amounts = amountsIn(text);
  for (let i = 0; i < amounts.length; i++) {
    const first = amounts[i]!;
    if (!looksLikeSalary(text, first)) continue;
    let second: Amount | undefined;
    const next = amounts[i + 1];
    if (next && RANGE_JOINER.test(text.slice(first.end, next.start))) second = next;
    else if (next && /^\s*$/.test(text.slice(first.end, next.start)) && /between\s*$/i.test(text.slice(0, first.start))) second = next;
    let low = first.value;
    const high = second?.value ?? null;
    // "120-150k": the suffix written once applies to both ends.
    if (second?.scaled && !first.scaled && low * (second.lakh ? 100_000 : 1_000) <= second.value) {
      low *= second.lakh ? 100_000 : second.value >= 1_000_000 && low < 1_000 ? 1_000_000 : 1_000;
    }
    const marker = first.currency ?? second?.currency ?? null;
    const currency = marker === 'USD?' || marker === null ? (defaultCurrency ?? (marker ? 'USD' : null)) : marker;
    if (!currency) continue;
    const end = (second ?? first).end;
    const before = text.slice(Math.max(0, first.start - 25), first.start);
    let min: number | null = low;
    let max: number | null = high;
    if (!second) {
      if (MAX_ONLY_BEFORE.test(before)) [min, max] = [null, low];
      else if (MIN_ONLY_BEFORE.test(before) || text[end] === '+') [min, max] = [low, null];
      else max = low;
    }
    const stated = periodAround(text, first.start, end + (text[end] === '+' ? 1 : 0));
    const reference = max ?? min ?? 0;
    let period: SalaryPeriod = stated && stated.period !== 'biweekly' ? stated.period : periodFromMagnitude(reference);
    if (first.lakh) period = 'year';
    if (stated?.period === 'biweekly') {
      period = 'week';
      min = min === null ? null : min / 2;
      max = max === null ? null : max / 2;
    }
    return { min, max, currency, period, basis: 'inferred' };
  }
  return null;
}
