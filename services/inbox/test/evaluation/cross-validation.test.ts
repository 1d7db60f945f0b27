import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crossValidateInbox, stratifiedFolds } from '../../src/evaluation/cross-validation.js';
import { type LabelledMessage, readLabelledSet } from '../../src/evaluation/labelled-set.js';

describe('cross-validation of the inbox classifier', () => {
  const messages = readLabelledSet();

  it('puts every message in exactly one fold, each class spread evenly', () => {
    const folds = stratifiedFolds(messages, 5);
    assert.equal(folds.size, messages.length);
    const rejections = messages.filter((message) => message.label === 'rejection').map((message) => folds.get(message.id)!);
    const perFold = [0, 1, 2, 3, 4].map((fold) => rejections.filter((of) => of === fold).length);
    assert.ok(Math.max(...perFold) - Math.min(...perFold) <= 1, String(perFold));
  });

  it('scores the labelled set held out at a macro F1 of at least 0.9, every class judged', () => {
    const report = crossValidateInbox(messages);
    assert.equal(report.messages, messages.length);
    assert.ok(report.macroF1 >= 0.9, `macro F1 ${report.macroF1}`);
    for (const [emailClass, score] of Object.entries(report.classes)) assert.ok(score.support >= 50, emailClass);
    assert.equal(report.accuracy, 1 - report.misses.length / messages.length);
  });

  it('never judges a message with a model that saw it: a set of exact duplicates cannot be memorised', () => {
    // Each message's text is unique and shares no words with its class; a model that saw the judged
    // message would get it right, a held-out one can only guess from the prior.
    const classes = ['application-received', 'rejection', 'interview-invitation', 'assessment', 'recruiter-outreach', 'other'] as const;
    const unique: LabelledMessage[] = classes.flatMap((label, c) =>
      [0, 1, 2, 3, 4].map((i) => ({
        id: `u${c}${i}`,
        label,
        email: { from: { address: `x@d${c}${i}.example` }, subject: `zz${c}q${i} alpha${c}q${i}`, text: `word${c}q${i} other${c}q${i}` },
      })),
    );
    const report = crossValidateInbox(unique, 5, { maxVocabulary: 1000, minDocumentFrequency: 1 });
    assert.ok(report.accuracy < 0.5, `accuracy ${report.accuracy}`);
  });
});
