/**
 * The rules of a track beyond keywords: salary floor, locations, remote preference, experience range and
 * seniority. Each rule returns the points it gives (in track points, 0–100 scale) with a reason, and
 * says when it is a hard filter. A hard filter never drops a job: it costs points and caps the final
 * score (see blend.ts), and the reason says why.
 */
import type { RateBook } from '@jobpipe/contracts';
import { formatMoney } from './money-text.js';
import type { PostingFeatures } from './posting-features.js';
import { pointsReason, quoted, type Reason } from './reasons.js';

/** Points of the rules, in one place so the docs and tests read the same numbers. */
export const RULE_POINTS = {
  hardFilter: -30,
  mustHaveMissing: -25,
  salaryMet: 5,
  locationMatch: 5,
  remotePreferred: 10,
  experienceFits: 5,
  experienceAbove: -15,
  experienceBelow: -10,
  seniorityMatch: 10,
  seniorityMismatch: -10,
} as const;

/** What a rule decided. */
export interface RuleOutcome {
  readonly reason: Reason;
  /** Set when the rule is a hard filter that failed: names it for `filteredBy`. */
  readonly filter?: string;
}

/** The rule settings of a track, normalized. */
export interface TrackRules {
  readonly salaryFloor: { readonly amount: number; readonly currency: string } | null;
  readonly locations: readonly string[];
  readonly remote: 'required' | 'preferred' | 'any' | 'excluded';
  readonly experience: { readonly min: number | null; readonly max: number | null } | null;
  readonly seniority: readonly string[];
}

function hardFilter(kind: Reason['kind'], detail: string, filter: string): RuleOutcome {
  return { reason: pointsReason(kind, RULE_POINTS.hardFilter, detail), filter };
}

/** Salary floor: the posting's best annual figure, converted at the dated rate, against the floor. */
export function salaryRule(posting: PostingFeatures, rules: TrackRules, rates: RateBook): RuleOutcome | undefined {
  const floor = rules.salaryFloor;
  if (!floor) return undefined;
  const salary = posting.salary;
  const annual = salary ? (salary.annualMax ?? salary.annualMin) : null;
  if (!salary || annual === null) return { reason: pointsReason('salary', 0, 'salary: not stated, floor not checked') };
  const stated = `${formatMoney(annual, salary.currency)}/yr`;
  const converted = rates.convert(annual, salary.currency, floor.currency, posting.salaryDate);
  if (converted === undefined) {
    return { reason: pointsReason('salary', 0, `salary: ${stated}, no ${salary.currency}/${floor.currency} rate, floor not checked`) };
  }
  const shown = salary.currency === floor.currency ? stated : `${stated} ≈ ${formatMoney(converted, floor.currency)}`;
  const floorText = formatMoney(floor.amount, floor.currency);
  if (converted < floor.amount) return hardFilter('salary', `salary: ${shown} < floor ${floorText}`, `salary below ${floorText}`);
  return { reason: pointsReason('salary', RULE_POINTS.salaryMet, `salary: ${shown} ≥ floor ${floorText}`) };
}

/** Locations: a posting in none of the track's places is filtered, unless it is remote and remote is welcome. */
export function locationRule(posting: PostingFeatures, rules: TrackRules): RuleOutcome | undefined {
  if (rules.locations.length === 0 || posting.locations.length === 0) return undefined;
  const matched = rules.locations.find((place) => posting.locations.some((name) => name.includes(place) || place.includes(name)));
  if (matched) return { reason: pointsReason('location', RULE_POINTS.locationMatch, `location:${quoted(matched)}`) };
  if (posting.remote === true && rules.remote !== 'excluded') return undefined;
  const where = posting.locations[0]!;
  return hardFilter('location', `location: ${quoted(where)} not in ${rules.locations.join(', ')}`, `location ${quoted(where)}`);
}

/** Remote preference: required and excluded are hard filters; preferred earns points. */
export function remoteRule(posting: PostingFeatures, rules: TrackRules): RuleOutcome | undefined {
  if (posting.remote === null) return undefined;
  if (rules.remote === 'required' && !posting.remote) return hardFilter('remote', 'remote: on-site, remote required', 'not remote');
  if (rules.remote === 'excluded' && posting.remote) return hardFilter('remote', 'remote: remote, on-site wanted', 'remote');
  if (rules.remote === 'preferred' && posting.remote) return { reason: pointsReason('remote', RULE_POINTS.remotePreferred, 'remote: yes') };
  return undefined;
}

function yearsText(range: { readonly min: number | null; readonly max: number | null }): string {
  if (range.min !== null && range.max !== null) return range.min === range.max ? `${range.min}` : `${range.min}–${range.max}`;
  if (range.min !== null) return `${range.min}+`;
  return `up to ${range.max}`;
}

/** Experience: the years the posting asks for against the range the track accepts. */
export function experienceRule(posting: PostingFeatures, rules: TrackRules): RuleOutcome | undefined {
  const wanted = rules.experience;
  const asked = posting.experience;
  if (!wanted || !asked || (asked.min === null && asked.max === null) || (wanted.min === null && wanted.max === null)) return undefined;
  const detail = `experience: asks ${yearsText(asked)} yrs`;
  if (wanted.max !== null && asked.min !== null && asked.min > wanted.max) {
    return { reason: pointsReason('experience', RULE_POINTS.experienceAbove, `${detail}, above ${yearsText(wanted)}`) };
  }
  const askedTop = asked.max ?? asked.min!;
  if (wanted.min !== null && askedTop < wanted.min) {
    return { reason: pointsReason('experience', RULE_POINTS.experienceBelow, `${detail}, below ${yearsText(wanted)}`) };
  }
  return { reason: pointsReason('experience', RULE_POINTS.experienceFits, `${detail}, within ${yearsText(wanted)}`) };
}

function containsWord(text: string, word: string): boolean {
  let from = text.indexOf(word);
  while (from !== -1) {
    const before = from === 0 ? ' ' : text[from - 1]!;
    const after = text[from + word.length] ?? ' ';
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true;
    from = text.indexOf(word, from + 1);
  }
  return false;
}

/** Seniority: the posting's level (or a level word in its title) against the track's levels. */
export function seniorityRule(posting: PostingFeatures, rules: TrackRules): RuleOutcome | undefined {
  if (rules.seniority.length === 0) return undefined;
  const matched = rules.seniority.find(
    (level) => (posting.seniority !== null && containsWord(posting.seniority, level)) || containsWord(posting.titleText, level),
  );
  if (matched) return { reason: pointsReason('seniority', RULE_POINTS.seniorityMatch, `seniority:${quoted(matched)}`) };
  if (posting.seniority === null) return undefined;
  return {
    reason: pointsReason(
      'seniority',
      RULE_POINTS.seniorityMismatch,
      `seniority: ${quoted(posting.seniority)} not in ${rules.seniority.join(', ')}`,
    ),
  };
}
