/**
 * How well the classifier does on messages it was not trained on: stratified k-fold cross-validation
 * over the labelled set. Each class's messages (in id order) are dealt round-robin into k folds; every
 * fold is classified by a model trained on the other k − 1, so each message is judged exactly once and
 * never by a model that saw it.
 */
import { classifyEmail } from '../domain/classify-email.js';
import { EMAIL_CLASSES, type EmailClass } from '../domain/email.js';
import { DEFAULT_EMAIL_TRAINING, type EmailTrainingOptions, loadEmailModel, trainEmailModel } from '../domain/email-model.js';
import type { LabelledMessage } from './labelled-set.js';

/** One class's figures. */
export interface ClassScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Messages a person gave this class. */
  readonly support: number;
}

/** A message classified wrongly, for showing what to fix. */
export interface ClassificationMiss {
  readonly id: string;
  readonly expected: EmailClass;
  readonly actual: EmailClass;
  readonly confidence: number;
}

/** The report of `jobpipe eval inbox` and the `inbox.macroF1` bench figure. */
export interface InboxEvaluation {
  readonly messages: number;
  readonly folds: number;
  readonly classes: Readonly<Record<EmailClass, ClassScore>>;
  /** The unweighted mean of the classes' F1. */
  readonly macroF1: number;
  readonly accuracy: number;
  readonly misses: readonly ClassificationMiss[];
}

/** Fold number of each message: round-robin within its class, in id order. */
export function stratifiedFolds(messages: readonly LabelledMessage[], folds: number): Map<string, number> {
  const foldOf = new Map<string, number>();
  for (const emailClass of EMAIL_CLASSES) {
    const ids = messages
      .filter((message) => message.label === emailClass)
      .map((message) => message.id)
      .sort();
    for (const [position, id] of ids.entries()) foldOf.set(id, position % folds);
  }
  return foldOf;
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

function scoreOf(emailClass: EmailClass, results: readonly { expected: EmailClass; actual: EmailClass }[]): ClassScore {
  const truePositives = results.filter((result) => result.expected === emailClass && result.actual === emailClass).length;
  const predicted = results.filter((result) => result.actual === emailClass).length;
  const support = results.filter((result) => result.expected === emailClass).length;
  const precision = ratio(truePositives, predicted);
  const recall = ratio(truePositives, support);
  return { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
}

/** Cross-validates the classifier (rules and model) on labelled messages. */
export function crossValidateInbox(
  messages: readonly LabelledMessage[],
  folds = 5,
  options: EmailTrainingOptions = DEFAULT_EMAIL_TRAINING,
): InboxEvaluation {
  if (folds < 2) throw new Error(`cross-validation needs at least 2 folds, not ${folds}`);
  const foldOf = stratifiedFolds(messages, folds);
  const results: { id: string; expected: EmailClass; actual: EmailClass; confidence: number }[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const training = messages.filter((message) => foldOf.get(message.id) !== fold);
    const model = loadEmailModel(trainEmailModel(training, options));
    for (const message of messages.filter((candidate) => foldOf.get(candidate.id) === fold)) {
      const classification = classifyEmail(model, message.email);
      results.push({ id: message.id, expected: message.label, actual: classification.emailClass, confidence: classification.confidence });
    }
  }
  const classes = Object.fromEntries(EMAIL_CLASSES.map((emailClass) => [emailClass, scoreOf(emailClass, results)])) as Record<
    EmailClass,
    ClassScore
  >;
  const misses = results
    .filter((result) => result.expected !== result.actual)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map(({ id, expected, actual, confidence }) => ({ id, expected, actual, confidence }));
  return {
    messages: results.length,
    folds,
    classes,
    macroF1: EMAIL_CLASSES.reduce((sum, emailClass) => sum + classes[emailClass].f1, 0) / EMAIL_CLASSES.length,
    accuracy: ratio(results.length - misses.length, results.length),
    misses,
  };
}
