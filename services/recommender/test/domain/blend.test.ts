import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FILTERED_SCORE_CAP, scorePosting, scoringConfigHash, scoringContext } from '../../src/domain/blend.js';
import { loadModel, type TrainingExample, trainModel } from '../../src/domain/model.js';
import { featuresOf } from '../../src/domain/posting-features.js';
import { dataEngineeringConfig, normalizedJob } from '../helpers/jobs.js';

function postingJob() {
  return normalizedJob({
    jobId: 'greenhouse:42',
    title: 'Data Engineer',
    descriptionText: 'We build Spark and Airflow pipelines.',
    remote: true,
    salary: { min: 9000, max: 11000, currency: 'SGD', period: 'month', annualMin: 108_000, annualMax: 132_000, basis: 'stated' },
  });
}
const posting = featuresOf(postingJob());

function examples(count: number): TrainingExample[] {
  return Array.from({ length: count }, (_, i) => {
    const wanted = i % 2 === 0;
    const job = wanted
      ? { title: 'Data Engineer', descriptionText: `Spark Airflow pipelines batch ${i % 3}` }
      : { title: 'Account Executive', descriptionText: `Quota deals territory region ${i % 3}` };
    return { label: wanted ? 1 : 0, features: featuresOf(normalizedJob({ jobId: `lever:${i}`, ...job })) };
  });
}

function modelFrom(count: number) {
  const trained = trainModel(examples(count));
  assert.ok('model' in trained);
  return loadModel(trained.model);
}

test('tracks alone until the model has minExamples decisions, and the reasons say so', () => {
  const config = dataEngineeringConfig({ scoring: { minExamples: 30 } });
  const result = scorePosting(posting, scoringContext(config, modelFrom(10)));
  assert.equal(result.modelProbability, null);
  assert.equal(result.modelVersion, null);
  assert.equal(result.score, result.trackScore);
  assert.deepEqual(result.reasons[0], {
    kind: 'fallback',
    points: 0,
    text: 'fallback: tracks only until the model has learned from 30 labelled decisions',
  });
  assert.equal(scorePosting(posting, scoringContext(config)).reasons[0]!.kind, 'fallback');
});

test('the full explanation of a blended score', () => {
  const config = dataEngineeringConfig({ scoring: { minExamples: 10, trackWeight: 0.5, modelWeight: 0.5 } });
  const model = modelFrom(20);
  const result = scorePosting(posting, scoringContext(config, model));
  // Track: +18 title, +8 spark, +8 airflow, +10 remote, +5 Singapore, +5 salary (SGD 132,000 ≈ USD 97,778) = 54.
  assert.equal(result.track, 'data engineering');
  assert.equal(result.trackScore, 54);
  assert.ok(result.modelProbability !== null && result.modelProbability > 0.9);
  assert.equal(result.modelVersion, model.model.version);
  assert.equal(result.score, Math.round(0.5 * 54 + 0.5 * 100 * result.modelProbability));
  const [modelReason, ...trackReasons] = result.reasons.map((reason) => reason.text);
  assert.match(modelReason!, /^model: [01]\.\d\d \((spark|airflow|pipelines|data|engineer|data engineer)(, [a-z ]+){0,2}\)$/);
  assert.deepEqual(trackReasons, [
    '+18 title:"data engineer"',
    '+10 remote: yes',
    '+8 body:"airflow"',
    '+8 body:"spark"',
    '+5 location:"singapore"',
    '+5 salary: SGD 132,000/yr ≈ USD 97,778 ≥ floor USD 60,000',
  ]);
});

test('a hard filter caps the score but never drops the job, and says why', () => {
  const config = dataEngineeringConfig({ scoring: { minExamples: 10, trackWeight: 0.2, modelWeight: 0.8 } });
  const unpaid = featuresOf(
    normalizedJob({ jobId: 'greenhouse:43', title: 'Data Engineer', descriptionText: 'Unpaid Spark and Airflow pipelines.', remote: true }),
  );
  const result = scorePosting(unpaid, scoringContext(config, modelFrom(20)));
  assert.equal(result.filteredBy, 'blocked:"unpaid"');
  assert.equal(result.score, FILTERED_SCORE_CAP);
  assert.ok(result.reasons.some((reason) => reason.text === '\u221230 blocked:"unpaid"'));
});

test('no tracks configured: the model alone decides once trained, and the reasons say there are no tracks', () => {
  const config = { tracks: [], searches: [], scoring: { minExamples: 10 } };
  const result = scorePosting(posting, scoringContext(config, modelFrom(20)));
  assert.equal(result.track, null);
  assert.equal(result.score, Math.round(100 * result.modelProbability!));
  assert.ok(result.reasons.some((reason) => reason.text === 'no tracks configured'));
});

test('deterministic: the same posting, config and model give the same score and reasons', () => {
  const config = dataEngineeringConfig({ scoring: { minExamples: 10 } });
  const first = scorePosting(posting, scoringContext(config, modelFrom(20)));
  const second = scorePosting(featuresOf(postingJob()), scoringContext(structuredClone(config), modelFrom(20)));
  assert.deepEqual(second, first);
});

test('the scoring config hash ignores searches and profile, and key order', () => {
  const config = dataEngineeringConfig();
  const reordered = JSON.parse(JSON.stringify({ currencyRates: config.currencyRates, searches: config.searches, tracks: config.tracks }));
  assert.equal(scoringConfigHash(reordered), scoringConfigHash(config));
  assert.equal(scoringConfigHash({ ...config, searches: [{ id: 'x', source: 'mcf' }], profile: { name: 'A' } }), scoringConfigHash(config));
  assert.notEqual(scoringConfigHash({ ...config, scoring: { minExamples: 5 } }), scoringConfigHash(config));
});
