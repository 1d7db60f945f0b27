/**
 * How well the recommender predicts the user's own decisions: the model's precision, recall and AUC on
 * a held-back part of the labelled postings, and how the blended score ranks that part (precision@k).
 * The held-back part is chosen by a hash of the job id, so the same decisions always split the same way.
 */
import { createHash } from 'node:crypto';
import type { JobpipeConfig } from '@jobpipe/contracts';
import { scorePosting, scoringContext } from './blend.js';
import { DEFAULT_TRAINING, loadModel, predict, type TrainingExample, type TrainingOptions, trainModel } from './model.js';

/** Fraction of the ranked items that are positive among the first k (k capped at the number of items). */
export function precisionAtK(rankedLabels: readonly (0 | 1)[], k: number): number {
  const top = rankedLabels.slice(0, Math.min(k, rankedLabels.length));
  return top.length === 0 ? 0 : top.filter((label) => label === 1).length / top.length;
}

/** Labels ordered by score, highest first; ties broken by id so rankings are reproducible. */
export function rankLabels<T extends { readonly id: string; readonly label: 0 | 1 }>(
  items: readonly T[],
  score: (item: T) => number,
): (0 | 1)[] {
  return items
    .map((item) => ({ item, value: score(item) }))
    .sort((a, b) => b.value - a.value || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0))
    .map(({ item }) => item.label);
}

/** Area under the ROC curve: the chance a random positive scores above a random negative (ties count half). */
export function areaUnderCurve(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  const order = scores.map((score, i) => ({ score, label: labels[i]! })).sort((a, b) => a.score - b.score);
  let rankSumPositives = 0;
  let positives = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end < order.length && order[end]!.score === order[start]!.score) end++;
    const averageRank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) {
      if (order[i]!.label === 1) {
        rankSumPositives += averageRank;
        positives++;
      }
    }
    start = end;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Whether a job id falls in the held-back part (a stable hash bucket). */
export function isHeldBack(jobId: string, fraction: number): boolean {
  const bucket = createHash('sha256').update(jobId).digest().readUInt32BE(0) / 0x1_0000_0000;
  return bucket < fraction;
}

/** The report of `jobpipe model eval`. */
export interface EvaluationReport {
  readonly trainingExamples: number;
  readonly heldBackExamples: number;
  readonly heldBackPositives: number;
  /** Undefined when no model could be trained on the training part (with the reason). */
  readonly model:
    | { readonly precision: number; readonly recall: number; readonly auc: number; readonly threshold: number }
    | { readonly reason: string };
  readonly blended: { readonly precisionAt10: number; readonly precisionAt50: number; readonly baseRate: number };
}

/**
 * Trains on the examples outside the held-back part and measures on the held-back part: the model's
 * precision and recall (wanted when P ≥ 0.5) and AUC, and precision@10/@50 of the blended score
 * (tracks of `config` plus the model trained here, used whatever `scoring.minExamples` says).
 */
export function evaluateDecisions(
  examples: readonly TrainingExample[],
  config: JobpipeConfig,
  options: { readonly holdBack: number; readonly training?: TrainingOptions },
): EvaluationReport {
  const heldBack = examples.filter((example) => isHeldBack(example.features.jobId, options.holdBack));
  const training = examples.filter((example) => !isHeldBack(example.features.jobId, options.holdBack));
  const trained = trainModel(training, options.training ?? DEFAULT_TRAINING);
  const labels = heldBack.map((example) => example.label);
  const positives = labels.filter((label) => label === 1).length;
  let model: EvaluationReport['model'];
  let context = scoringContext(config);
  if ('model' in trained) {
    const loaded = loadModel(trained.model);
    const probabilities = heldBack.map((example) => predict(loaded, example.features).probability);
    const predictedWanted = probabilities.map((probability) => probability >= 0.5);
    const truePositives = predictedWanted.filter((wanted, i) => wanted && labels[i] === 1).length;
    const predictedCount = predictedWanted.filter(Boolean).length;
    model = {
      precision: predictedCount === 0 ? 0 : truePositives / predictedCount,
      recall: positives === 0 ? 0 : truePositives / positives,
      auc: areaUnderCurve(probabilities, labels),
      threshold: 0.5,
    };
    context = scoringContext({ ...config, scoring: { ...config.scoring, minExamples: 1 } }, loaded);
  } else {
    model = { reason: trained.reason };
  }
  const ranked = rankLabels(
    heldBack.map((example) => ({ id: example.features.jobId, label: example.label, features: example.features })),
    (item) => scorePosting(item.features, context).score,
  );
  return {
    trainingExamples: training.length,
    heldBackExamples: heldBack.length,
    heldBackPositives: positives,
    model,
    blended: {
      precisionAt10: precisionAtK(ranked, 10),
      precisionAt50: precisionAtK(ranked, 50),
      baseRate: heldBack.length === 0 ? 0 : positives / heldBack.length,
    },
  };
}
