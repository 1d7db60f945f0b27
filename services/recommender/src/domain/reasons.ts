/**
 * Reasons: the rules and terms that moved a score, in words a user can check against the posting,
 * e.g. `+18 title:"data engineer"`, `−30 blocked:"unpaid"`, `model: 0.82 (spark, airflow, dbt)`.
 */
import type { JobScoredV2 } from '@jobpipe/contracts';

/** One reason as it travels in `job.scored` and is stored with the score. */
export type Reason = JobScoredV2['data']['reasons'][number];

/** What a reason is about. */
export type ReasonKind = Reason['kind'];

const MAX_TEXT = 300;

/** "+18", "−30" (a true minus sign, as the UI shows it), "0". */
export function signedPoints(points: number): string {
  if (points > 0) return `+${points}`;
  if (points < 0) return `\u2212${-points}`;
  return '0';
}

/** A reason whose text starts with its signed points: `+18 title:"data engineer"`. */
export function pointsReason(kind: ReasonKind, points: number, detail: string): Reason {
  return { kind, points, text: `${signedPoints(points)} ${detail}`.slice(0, MAX_TEXT) };
}

/** A reason that reports without points of its own (the model's probability, the fallback). */
export function plainReason(kind: ReasonKind, points: number, text: string): Reason {
  return { kind, points, text: text.slice(0, MAX_TEXT) };
}

/** `"data engineer"`: how a matched term is quoted. */
export function quoted(term: string): string {
  return `"${term.replaceAll('"', "'")}"`;
}

/**
 * Orders reasons for reading: the biggest effect first, ties by text so the order never depends on
 * config order or map iteration.
 */
export function byEffect(a: Reason, b: Reason): number {
  return Math.abs(b.points) - Math.abs(a.points) || a.text.localeCompare(b.text);
}
