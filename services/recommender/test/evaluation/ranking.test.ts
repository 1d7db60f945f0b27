/**
 * Does blending help? On a labelled corpus of real-format postings (the persona is `mayaWants` of @jobpipe/test-kit/corpus),
 * five-fold cross-validation: the model is trained on four fifths of the decisions and the other fifth
 * is ranked three ways — by the tracks alone (the fallback score), by the model alone, and by the
 * blended score. Over the five folds, the blended ranking must put more of the persona's positives in
 * its top 20% than either baseline, both measured in this same test.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayaConfig, seededRandom } from '@jobpipe/test-kit/corpus';
import { scorePosting, scoringContext } from '../../src/domain/blend.js';
import { rankLabels } from '../../src/domain/evaluation.js';
import { loadModel, predict, trainModel } from '../../src/domain/model.js';
import { featuresOf, type PostingFeatures } from '../../src/domain/posting-features.js';
import { labelledCorpus } from '../corpus/labelled-corpus.js';

const FOLDS = 5;

interface Item {
  readonly id: string;
  readonly label: 0 | 1;
  readonly features: PostingFeatures;
}

function positivesInTop(items: readonly Item[], k: number, score: (item: Item) => number): number {
  return rankLabels(items, score)
    .slice(0, k)
    .filter((label) => label === 1).length;
}

test('the blended score puts more positives in the top 20% than the tracks alone or the model alone', (t) => {
  const corpus = labelledCorpus(323, 20260301);
  assert.ok(corpus.length >= 300, `corpus of ${corpus.length}`);
  const random = seededRandom(99);
  const items: Item[] = corpus
    .map((entry) => ({ entry, order: random() }))
    .sort((a, b) => a.order - b.order)
    .map(({ entry }) => ({ id: entry.job.jobId, label: entry.label, features: featuresOf(entry.job) }));
  const config = mayaConfig();
  const tracksOnly = scoringContext(config);
  const found = { tracks: 0, model: 0, blended: 0, top: 0 };
  for (let fold = 0; fold < FOLDS; fold++) {
    const held = items.filter((_, i) => i % FOLDS === fold);
    const training = items.filter((_, i) => i % FOLDS !== fold);
    assert.ok(training.length >= config.scoring!.minExamples!, 'enough decisions for the model to take part');
    const trained = trainModel(training);
    assert.ok('model' in trained, 'the model trains on the training decisions');
    const model = loadModel(trained.model);
    const blended = scoringContext(config, model);
    const k = Math.floor(held.length * 0.2);
    found.top += k;
    found.tracks += positivesInTop(held, k, (item) => scorePosting(item.features, tracksOnly).score);
    found.model += positivesInTop(held, k, (item) => predict(model, item.features).probability);
    found.blended += positivesInTop(held, k, (item) => scorePosting(item.features, blended).score);
  }
  const positives = items.filter((item) => item.label === 1).length;
  t.diagnostic(`${items.length} postings, ${positives} positives; ${found.top} top-20% places over ${FOLDS} folds`);
  t.diagnostic(`positives in the top 20%: tracks ${found.tracks}, model ${found.model}, blended ${found.blended}`);
  assert.ok(found.blended > found.tracks, `blended ${found.blended} vs tracks alone ${found.tracks}`);
  assert.ok(found.blended > found.model, `blended ${found.blended} vs model alone ${found.model}`);
});
