/**
 * Track scoring. A track is a named search from the config ("data engineering"): weighted keywords and
 * phrases for the title and the body, must-have and blocked keywords, and rules (track-rules.ts). A
 * posting is scored against every track and assigned the best one.
 *
 * Track points are on the 0–100 scale: a keyword's weight is the points it gives when it occurs (once,
 * however often it occurs), rules add or take fixed points, and the sum is clamped to 0–100.
 */
import type { JobpipeConfig, RateBook } from '@jobpipe/contracts';
import type { PostingFeatures } from './posting-features.js';
import { byEffect, pointsReason, quoted, type Reason } from './reasons.js';
import { bigram, tokenize } from './tokenizer.js';
import {
  experienceRule,
  locationRule,
  RULE_POINTS,
  type RuleOutcome,
  remoteRule,
  salaryRule,
  seniorityRule,
  type TrackRules,
} from './track-rules.js';

type TrackConfig = JobpipeConfig['tracks'][number];

/** A keyword or phrase reduced to the stems it matches. */
export interface CompiledTerm {
  /** As the user wrote it (lower-cased), for reasons. */
  readonly term: string;
  readonly weight: number;
  /** The stem (one word) or the bigrams that must all occur (a phrase). */
  readonly keys: readonly string[];
}

/** A track ready to score postings. */
export interface CompiledTrack {
  readonly name: string;
  readonly title: readonly CompiledTerm[];
  readonly body: readonly CompiledTerm[];
  readonly mustHave: readonly CompiledTerm[];
  readonly blocked: readonly CompiledTerm[];
  readonly rules: TrackRules;
}

/** The outcome of one track for one posting. */
export interface TrackScore {
  readonly track: string;
  /** 0–100. */
  readonly score: number;
  readonly reasons: readonly Reason[];
  /** The first hard filter that failed, if any. */
  readonly filteredBy: string | null;
}

/**
 * Compiles a term. A one-word term matches its stem; a phrase matches when each pair of its consecutive
 * words occurs as a bigram (exact for two words, a close approximation for longer phrases). A term that
 * is only stop words matches nothing and is left out.
 */
export function compileTerm(term: string, weight: number): CompiledTerm | undefined {
  const stems = tokenize(term);
  if (stems.length === 0) return undefined;
  const keys = stems.length === 1 ? stems : stems.slice(1).map((stem, i) => bigram(stems[i]!, stem));
  return { term: term.trim().toLowerCase(), weight, keys };
}

function compileTerms(terms: readonly { term: string; weight: number }[]): CompiledTerm[] {
  return terms.flatMap((entry) => compileTerm(entry.term, entry.weight) ?? []);
}

/** Compiles the config's tracks (stems the keywords once, not per posting). */
export function compileTracks(tracks: readonly TrackConfig[]): CompiledTrack[] {
  return tracks.map((track) => ({
    name: track.name,
    title: compileTerms(track.titleKeywords),
    body: compileTerms(track.bodyKeywords),
    mustHave: compileTerms((track.mustHave ?? []).map((term) => ({ term, weight: 0 }))),
    blocked: compileTerms((track.blocked ?? []).map((term) => ({ term, weight: 0 }))),
    rules: {
      salaryFloor: track.salaryFloor ?? null,
      locations: (track.locations ?? []).map((place) => place.toLowerCase()),
      remote: track.remote ?? 'any',
      experience: track.experience ?? null,
      seniority: (track.seniority ?? []).map((level) => level.toLowerCase()),
    },
  }));
}

/** Whether a compiled term occurs in a bag of terms. */
export function termOccurs(term: CompiledTerm, terms: ReadonlyMap<string, number>): boolean {
  for (const key of term.keys) if (!terms.has(key)) return false;
  return true;
}

/** Scores a posting against one track. */
export function scoreTrack(posting: PostingFeatures, track: CompiledTrack, rates: RateBook): TrackScore {
  const reasons: Reason[] = [];
  const filters: string[] = [];
  let points = 0;
  const add = (reason: Reason) => {
    reasons.push(reason);
    points += reason.points;
  };
  for (const term of track.title) {
    if (termOccurs(term, posting.titleTerms)) add(pointsReason('title', term.weight, `title:${quoted(term.term)}`));
  }
  for (const term of track.body) {
    if (termOccurs(term, posting.bodyTerms)) add(pointsReason('body', term.weight, `body:${quoted(term.term)}`));
  }
  for (const term of track.mustHave) {
    if (!termOccurs(term, posting.titleTerms) && !termOccurs(term, posting.bodyTerms)) {
      add(pointsReason('must-have', RULE_POINTS.mustHaveMissing, `must-have missing:${quoted(term.term)}`));
    }
  }
  for (const term of track.blocked) {
    if (termOccurs(term, posting.titleTerms) || termOccurs(term, posting.bodyTerms)) {
      add(pointsReason('blocked', RULE_POINTS.hardFilter, `blocked:${quoted(term.term)}`));
      filters.push(`blocked:${quoted(term.term)}`);
    }
  }
  const outcomes: (RuleOutcome | undefined)[] = [
    salaryRule(posting, track.rules, rates),
    locationRule(posting, track.rules),
    remoteRule(posting, track.rules),
    experienceRule(posting, track.rules),
    seniorityRule(posting, track.rules),
  ];
  for (const outcome of outcomes) {
    if (!outcome) continue;
    add(outcome.reason);
    if (outcome.filter) filters.push(outcome.filter);
  }
  return {
    track: track.name,
    score: Math.max(0, Math.min(100, Math.round(points))),
    reasons: reasons.sort(byEffect),
    filteredBy: filters[0] ?? null,
  };
}

/**
 * Scores a posting against every track and returns the best: an unfiltered track beats a filtered one,
 * then the higher score, then the earlier track in the config. Undefined when there are no tracks.
 */
export function bestTrack(posting: PostingFeatures, tracks: readonly CompiledTrack[], rates: RateBook): TrackScore | undefined {
  let best: TrackScore | undefined;
  for (const track of tracks) {
    const result = scoreTrack(posting, track, rates);
    if (!best) {
      best = result;
      continue;
    }
    const unfilteredWins = best.filteredBy !== null && result.filteredBy === null;
    const sameFiltering = (best.filteredBy === null) === (result.filteredBy === null);
    if (unfilteredWins || (sameFiltering && result.score > best.score)) best = result;
  }
  return best;
}
