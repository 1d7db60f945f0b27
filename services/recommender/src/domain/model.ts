/// <reference path="../types/ml-naivebayes.d.ts" />
/**
 * The learned model: multinomial naive Bayes (ml-naivebayes `MultinomialNB`) over the stems and bigrams
 * of the user's labelled postings. Title terms count twice: a title says more about a job than a
 * sentence of its body.
 *
 * Training goes through the library. Prediction reads the trained log-probabilities directly: the
 * library's `predict` returns only the winning class (no probability) and works on dense rows, which is
 * slow for a vocabulary of thousands; a sparse sum over the posting's own terms gives the same log-odds.
 * Naive Bayes treats every word as independent evidence, so on long postings its raw probability is
 * almost always 0 or 1; the word evidence is scaled to an effective length of EFFECTIVE_LENGTH words so
 * the probability stays graded and comparable between short and long postings.
 */
import { createHash } from 'node:crypto';
import { MultinomialNB } from 'ml-naivebayes';
import type { PostingFeatures } from './posting-features.js';

/** A labelled posting: 1 = the user wanted it, 0 = the user turned it down. */
export interface TrainingExample {
  readonly features: PostingFeatures;
  readonly label: 0 | 1;
}

/** The stored model (JSON in the blob store at `models/recommender/<version>.json`). */
export interface NaiveBayesModel {
  readonly kind: 'multinomial-naive-bayes';
  /** `nb-` + the first 16 hex digits of the SHA-256 of the parameters: same decisions, same version. */
  readonly version: string;
  readonly vocabulary: readonly string[];
  /** A readable form of each vocabulary term, for reasons ("engin pipelin" → "engineering pipelines"). */
  readonly words: readonly string[];
  /** Natural-log class priors: [turned down, wanted]. */
  readonly logPrior: readonly [number, number];
  /** Natural-log term likelihoods per class, in vocabulary order. */
  readonly logLikelihood: readonly [readonly number[], readonly number[]];
  readonly examples: number;
  readonly positives: number;
  readonly negatives: number;
}

/** A model ready to predict: the vocabulary indexed and the per-term log-odds precomputed. */
export interface LoadedModel {
  readonly model: NaiveBayesModel;
  readonly index: ReadonlyMap<string, number>;
  readonly logOdds: Float64Array;
  readonly priorLogOdds: number;
  /** Working row of `predict` (all zeros between calls). */
  readonly scratch: Float64Array;
}

/** The model's view of one posting. */
export interface ModelPrediction {
  /** P(the user wants it), 0–1. */
  readonly probability: number;
  /** Up to three readable terms that pushed hardest toward the prediction. */
  readonly topTerms: readonly string[];
}

/** Vocabulary limits: a pruned vocabulary keeps training and prediction fast (see STACK-NOTES.md). */
export interface TrainingOptions {
  /** Terms kept, most frequent (by number of postings) first. */
  readonly maxVocabulary: number;
  /** A term must occur in at least this many labelled postings. */
  readonly minDocumentFrequency: number;
}

/** Defaults of TrainingOptions. */
export const DEFAULT_TRAINING: TrainingOptions = { maxVocabulary: 2000, minDocumentFrequency: 2 };

/** Word evidence is scaled to this many words (see the file comment). */
export const EFFECTIVE_LENGTH = 40;
const TITLE_WEIGHT = 2;

function forEachTerm(features: PostingFeatures, visit: (term: string, count: number) => void): void {
  for (const [term, count] of features.titleTerms) visit(term, count * TITLE_WEIGHT);
  for (const [term, count] of features.bodyTerms) visit(term, count);
}

// The first written form seen for each stem of the vocabulary (in job id order), in one pass.
function readableTerms(vocabulary: readonly string[], examples: readonly TrainingExample[]): string[] {
  const stems = new Set(vocabulary.flatMap((term) => term.split(' ')));
  const wordOf = new Map<string, string>();
  for (const example of examples) {
    for (const [stem, word] of example.features.wordOfStem) {
      if (stems.has(stem) && !wordOf.has(stem)) wordOf.set(stem, word);
    }
  }
  return vocabulary.map((term) =>
    term
      .split(' ')
      .map((stem) => wordOf.get(stem) ?? stem)
      .join(' '),
  );
}

function chooseVocabulary(examples: readonly TrainingExample[], options: TrainingOptions): string[] {
  const documentFrequency = new Map<string, number>();
  for (const example of examples) {
    const seen = new Set<string>();
    forEachTerm(example.features, (term) => seen.add(term));
    for (const term of seen) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  return [...documentFrequency]
    .filter(([, frequency]) => frequency >= options.minDocumentFrequency)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.maxVocabulary)
    .map(([term]) => term);
}

/**
 * Trains a model on labelled postings, or says why it cannot (both labels are needed, and some shared
 * vocabulary). Deterministic: examples are ordered by job id first.
 */
export function trainModel(
  examples: readonly TrainingExample[],
  options: TrainingOptions = DEFAULT_TRAINING,
): { model: NaiveBayesModel } | { reason: string } {
  const ordered = [...examples].sort((a, b) => (a.features.jobId < b.features.jobId ? -1 : a.features.jobId > b.features.jobId ? 1 : 0));
  const positives = ordered.filter((example) => example.label === 1).length;
  const negatives = ordered.length - positives;
  if (positives === 0 || negatives === 0) return { reason: `needs both wanted and turned-down postings (${positives} and ${negatives})` };
  const vocabulary = chooseVocabulary(ordered, options);
  if (vocabulary.length === 0) return { reason: 'no term occurs in enough labelled postings' };
  const index = new Map(vocabulary.map((term, i) => [term, i]));
  const rows = ordered.map((example) => {
    const row = new Float64Array(vocabulary.length);
    forEachTerm(example.features, (term, count) => {
      const column = index.get(term);
      if (column !== undefined) row[column]! += count;
    });
    return row;
  });
  const classifier = new MultinomialNB();
  classifier.train(
    rows,
    ordered.map((example) => example.label),
  );
  const trained = classifier.toJSON();
  const prior = trained.priorProbability.to2DArray().map((row) => row[0]!);
  const likelihood = trained.conditionalProbability.to2DArray();
  const parameters = { vocabulary, logPrior: [prior[0]!, prior[1]!] as const, logLikelihood: [likelihood[0]!, likelihood[1]!] as const };
  const version = `nb-${createHash('sha256').update(JSON.stringify(parameters)).digest('hex').slice(0, 16)}`;
  return {
    model: {
      kind: 'multinomial-naive-bayes',
      version,
      ...parameters,
      words: readableTerms(vocabulary, ordered),
      examples: ordered.length,
      positives,
      negatives,
    },
  };
}

/** Indexes a stored model for prediction. */
export function loadModel(model: NaiveBayesModel): LoadedModel {
  const [negative, positive] = model.logLikelihood;
  const logOdds = new Float64Array(model.vocabulary.length);
  for (let i = 0; i < logOdds.length; i++) logOdds[i] = positive[i]! - negative[i]!;
  return {
    model,
    index: new Map(model.vocabulary.map((term, i) => [term, i])),
    logOdds,
    priorLogOdds: model.logPrior[1] - model.logPrior[0],
    scratch: new Float64Array(model.vocabulary.length),
  };
}

/** The probability that the user wants a posting, with the terms that weighed most. */
export function predict(loaded: LoadedModel, features: PostingFeatures): ModelPrediction {
  // Per-term sums in a scratch row of the model (a term can come from both title and body); reset below.
  const { scratch, logOdds, index } = loaded;
  const touched: number[] = [];
  let evidence = 0;
  let counted = 0;
  forEachTerm(features, (term, count) => {
    const column = index.get(term);
    if (column === undefined) return;
    const weight = count * logOdds[column]!;
    evidence += weight;
    counted += count;
    if (scratch[column] === 0) touched.push(column);
    scratch[column]! += weight;
  });
  const scale = counted > EFFECTIVE_LENGTH ? EFFECTIVE_LENGTH / counted : 1;
  const probability = 1 / (1 + Math.exp(-(loaded.priorLogOdds + evidence * scale)));
  const direction = probability >= 0.5 ? 1 : -1;
  const top: { column: number; weight: number }[] = [];
  for (const column of touched) {
    const weight = scratch[column]! * direction;
    scratch[column] = 0;
    if (weight <= 0) continue;
    let at = top.length;
    while (at > 0 && (top[at - 1]!.weight < weight || (top[at - 1]!.weight === weight && top[at - 1]!.column > column))) at--;
    if (at < 3) {
      top.splice(at, 0, { column, weight });
      if (top.length > 3) top.pop();
    }
  }
  return { probability, topTerms: top.map((entry) => loaded.model.words[entry.column]!) };
}
