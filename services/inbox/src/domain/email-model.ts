/// <reference path="../types/ml-naivebayes.d.ts" />
/**
 * The email model: multinomial naive Bayes (ml-naivebayes `MultinomialNB`) over a message's terms
 * (`email-terms.ts`), one class per EMAIL_CLASSES entry.
 *
 * Training goes through the library. Prediction reads the trained log-probabilities directly: the
 * library's `predict` takes dense rows (slow for a vocabulary of thousands) and returns no probability;
 * a sparse sum over the message's own terms gives the same ranking. Naive Bayes treats each term as
 * independent evidence, so on long messages its posterior is almost always 0 or 1; the evidence is scaled
 * to an effective length of EFFECTIVE_LENGTH terms so the confidence stays graded.
 */
import { MultinomialNB } from 'ml-naivebayes';
import { EMAIL_CLASSES, type EmailClass, type EmailContent } from './email.js';
import { emailTerms } from './email-terms.js';

/** A message with the class a person gave it. */
export interface LabelledEmail {
  readonly email: EmailContent;
  readonly label: EmailClass;
}

/** The trained parameters. */
export interface EmailModel {
  readonly vocabulary: readonly string[];
  /** Natural-log prior per class, in EMAIL_CLASSES order. */
  readonly logPrior: readonly number[];
  /** Per class (EMAIL_CLASSES order), the natural-log likelihood of each vocabulary term. */
  readonly logLikelihood: readonly Float64Array[];
}

/** The model's reading of one message. */
export interface ModelPrediction {
  readonly emailClass: EmailClass;
  /** The posterior of that class, 0–1 (see EFFECTIVE_LENGTH). */
  readonly confidence: number;
}

/** Vocabulary limits: a pruned vocabulary keeps training small (see STACK-NOTES.md). */
export interface EmailTrainingOptions {
  readonly maxVocabulary: number;
  /** A term must occur in at least this many training messages. */
  readonly minDocumentFrequency: number;
}

/** Defaults of EmailTrainingOptions. */
export const DEFAULT_EMAIL_TRAINING: EmailTrainingOptions = { maxVocabulary: 3000, minDocumentFrequency: 2 };

/** Term evidence is scaled to this many terms (see the file comment). */
export const EFFECTIVE_LENGTH = 30;

function chooseVocabulary(termsOfEach: readonly Map<string, number>[], options: EmailTrainingOptions): string[] {
  const documentFrequency = new Map<string, number>();
  for (const terms of termsOfEach) for (const term of terms.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  return [...documentFrequency]
    .filter(([, frequency]) => frequency >= options.minDocumentFrequency)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.maxVocabulary)
    .map(([term]) => term);
}

/** Trains the model; every class must have at least one example (the library numbers classes densely). */
export function trainEmailModel(examples: readonly LabelledEmail[], options: EmailTrainingOptions = DEFAULT_EMAIL_TRAINING): EmailModel {
  const missing = EMAIL_CLASSES.filter((emailClass) => !examples.some((example) => example.label === emailClass));
  if (missing.length > 0) throw new Error(`cannot train the email model without examples of: ${missing.join(', ')}`);
  const termsOfEach = examples.map((example) => emailTerms(example.email));
  const vocabulary = chooseVocabulary(termsOfEach, options);
  const index = new Map(vocabulary.map((term, i) => [term, i]));
  const rows = termsOfEach.map((terms) => {
    const row = new Float64Array(vocabulary.length);
    for (const [term, count] of terms) {
      const column = index.get(term);
      if (column !== undefined) row[column] = count;
    }
    return row;
  });
  const classifier = new MultinomialNB();
  classifier.train(
    rows,
    examples.map((example) => EMAIL_CLASSES.indexOf(example.label)),
  );
  const trained = classifier.toJSON();
  return {
    vocabulary,
    logPrior: trained.priorProbability.to2DArray().map((row) => row[0]!),
    logLikelihood: trained.conditionalProbability.to2DArray().map((row) => Float64Array.from(row)),
  };
}

/** A model ready to predict: its vocabulary indexed. */
export interface LoadedEmailModel {
  readonly model: EmailModel;
  readonly index: ReadonlyMap<string, number>;
}

/** Indexes a model for prediction. */
export function loadEmailModel(model: EmailModel): LoadedEmailModel {
  return { model, index: new Map(model.vocabulary.map((term, i) => [term, i])) };
}

/** The most likely class of a message and its posterior. */
export function predictEmailClass(loaded: LoadedEmailModel, email: EmailContent): ModelPrediction {
  const { logPrior, logLikelihood } = loaded.model;
  const evidence = new Float64Array(EMAIL_CLASSES.length);
  let counted = 0;
  for (const [term, count] of emailTerms(email)) {
    const column = loaded.index.get(term);
    if (column === undefined) continue;
    counted += count;
    for (let c = 0; c < evidence.length; c++) evidence[c]! += count * logLikelihood[c]![column]!;
  }
  const scale = counted > EFFECTIVE_LENGTH ? EFFECTIVE_LENGTH / counted : 1;
  const logPosterior = logPrior.map((prior, c) => prior + evidence[c]! * scale);
  const best = logPosterior.reduce((top, value, c) => (value > logPosterior[top]! ? c : top), 0);
  const normalizer = logPosterior.reduce((sum, value) => sum + Math.exp(value - logPosterior[best]!), 0);
  return { emailClass: EMAIL_CLASSES[best]!, confidence: 1 / normalizer };
}
