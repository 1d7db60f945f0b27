/**
 * The score of a posting, 0–100: the best track's score blended with the model's probability by the
 * config's weights (`scoring.trackWeight`, `scoring.modelWeight`), explained by reasons. Until the model
 * has learned from `scoring.minExamples` labelled decisions the score is the track score alone, and a
 * `fallback` reason says so. A hard filter (blocked keyword, salary under the floor, wrong location or
 * remote mode) caps the score at FILTERED_SCORE_CAP; the job is still scored and kept.
 */
import { createHash } from 'node:crypto';
import { type JobpipeConfig, RateBook } from '@jobpipe/contracts';
import { type LoadedModel, predict } from './model.js';
import type { PostingFeatures } from './posting-features.js';
import { plainReason, type Reason } from './reasons.js';
import { bestTrack, type CompiledTrack, compileTracks } from './tracks.js';

/** Blend settings, from the config's `scoring` section. */
export interface ScoringSettings {
  readonly trackWeight: number;
  readonly modelWeight: number;
  readonly minExamples: number;
}

/** What the config leaves out. */
export const DEFAULT_SCORING: ScoringSettings = { trackWeight: 0.6, modelWeight: 0.4, minExamples: 30 };

/** Highest score a hard-filtered posting can get. */
export const FILTERED_SCORE_CAP = 10;

/** Most reasons a score carries (the schema's bound). */
export const MAX_REASONS = 50;

/** Everything a score depends on besides the posting, prepared once per config and model. */
export interface ScoringContext {
  readonly tracks: readonly CompiledTrack[];
  readonly rates: RateBook;
  readonly settings: ScoringSettings;
  readonly model: LoadedModel | undefined;
}

/** A posting's score and its explanation (the `job.scored` fields the recommender computes). */
export interface PostingScore {
  readonly score: number;
  readonly track: string | null;
  readonly trackScore: number;
  readonly modelProbability: number | null;
  readonly modelVersion: string | null;
  readonly filteredBy: string | null;
  readonly reasons: readonly Reason[];
}

/** The parts of the config a score depends on. */
export function scoringInputsOf(config: JobpipeConfig): Pick<JobpipeConfig, 'tracks' | 'scoring' | 'currencyRates'> {
  return { tracks: config.tracks, scoring: config.scoring ?? {}, currencyRates: config.currencyRates ?? [] };
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A fingerprint of the scoring parts of the config: edits to searches or the profile leave it unchanged. */
export function scoringConfigHash(config: JobpipeConfig): string {
  return createHash('sha256')
    .update(canonicalJson(scoringInputsOf(config)))
    .digest('hex');
}

/** Prepares the scoring context for a config and (optionally) a trained model. */
export function scoringContext(config: JobpipeConfig, model?: LoadedModel): ScoringContext {
  return {
    tracks: compileTracks(config.tracks),
    rates: new RateBook(config.currencyRates),
    settings: { ...DEFAULT_SCORING, ...config.scoring },
    model,
  };
}

/**
 * Whether the context's model takes part in scores: it must have learned from `minExamples` decisions
 * and have a weight. Only a usable model's version is a score input (see usedModelVersion).
 */
export function modelUsable(context: ScoringContext): boolean {
  return context.model !== undefined && context.model.model.examples >= context.settings.minExamples && context.settings.modelWeight > 0;
}

/** The version of the model that takes part in scores, or null when scores are tracks alone. */
export function usedModelVersion(context: ScoringContext): string | null {
  return modelUsable(context) ? context.model!.model.version : null;
}

// Says nothing that changes with each new decision, so fallback scores stay put until the model is used.
function fallbackText(context: ScoringContext): string {
  if (context.settings.modelWeight === 0) return 'fallback: tracks only (scoring.modelWeight is 0)';
  return `fallback: tracks only until the model has learned from ${context.settings.minExamples} labelled decisions`;
}

/** Scores one posting. Pure and deterministic: the same posting and context give the same result. */
export function scorePosting(posting: PostingFeatures, context: ScoringContext): PostingScore {
  const track = bestTrack(posting, context.tracks, context.rates);
  const trackScore = track?.score ?? 0;
  const reasons: Reason[] = [];
  let score = trackScore;
  let probability: number | null = null;
  if (modelUsable(context)) {
    const prediction = predict(context.model!, posting);
    probability = Math.round(prediction.probability * 10_000) / 10_000;
    // With no tracks configured the model is the only judge.
    const trackWeight = track ? context.settings.trackWeight : 0;
    const total = trackWeight + context.settings.modelWeight;
    const modelShare = (context.settings.modelWeight / total) * 100 * probability;
    score = (trackWeight / total) * trackScore + modelShare;
    const terms = prediction.topTerms.length > 0 ? ` (${prediction.topTerms.join(', ')})` : '';
    reasons.push(plainReason('model', Math.round(modelShare), `model: ${probability.toFixed(2)}${terms}`));
  } else {
    reasons.push(plainReason('fallback', 0, fallbackText(context)));
  }
  if (!track) reasons.push(plainReason('fallback', 0, 'no tracks configured'));
  const filteredBy = track?.filteredBy ?? null;
  score = Math.max(0, Math.min(100, Math.round(score)));
  if (filteredBy !== null) score = Math.min(score, FILTERED_SCORE_CAP);
  return {
    score,
    track: track?.track ?? null,
    trackScore,
    modelProbability: probability,
    modelVersion: probability === null ? null : context.model!.model.version,
    filteredBy,
    reasons: [...reasons, ...(track?.reasons ?? [])].slice(0, MAX_REASONS),
  };
}
