import assert from 'node:assert/strict';
import { test } from 'node:test';
import { areaUnderCurve, evaluateDecisions, isHeldBack, precisionAtK, rankLabels } from '../../src/domain/evaluation.js';
import { featuresOf } from '../../src/domain/posting-features.js';
import { dataEngineeringConfig, normalizedJob } from '../helpers/jobs.js';

test('precision@k counts positives among the first k, k capped at the list', () => {
  assert.equal(precisionAtK([1, 0, 1, 1, 0], 2), 0.5);
  assert.equal(precisionAtK([1, 0, 1, 1, 0], 4), 0.75);
  assert.equal(precisionAtK([1, 1], 50), 1);
  assert.equal(precisionAtK([], 10), 0);
});

test('ranking orders by score, ties by id', () => {
  const items = [
    { id: 'b', label: 1 as const, score: 2 },
    { id: 'a', label: 0 as const, score: 2 },
    { id: 'c', label: 1 as const, score: 9 },
  ];
  assert.deepEqual(
    rankLabels(items, (item) => item.score),
    [1, 0, 1],
  );
});

test('AUC: 1 for a perfect ranking, 0 for a reversed one, 0.5 for all ties', () => {
  assert.equal(areaUnderCurve([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0]), 1);
  assert.equal(areaUnderCurve([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0]), 0);
  assert.equal(areaUnderCurve([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0]), 0.5);
  assert.equal(areaUnderCurve([0.9, 0.4, 0.6, 0.1], [1, 1, 0, 0]), 0.75);
  assert.ok(Number.isNaN(areaUnderCurve([0.3], [1])));
});

test('the held-back part is stable and about the asked size', () => {
  const ids = Array.from({ length: 2000 }, (_, i) => `mcf:${i}`);
  const held = ids.filter((id) => isHeldBack(id, 0.25)).length;
  assert.ok(held > 400 && held < 600, `${held} of 2000`);
  assert.deepEqual(
    ids.filter((id) => isHeldBack(id, 0.25)),
    ids.filter((id) => isHeldBack(id, 0.25)),
  );
});

test('evaluates the model and the blended ranking on held-back decisions', () => {
  const examples = Array.from({ length: 80 }, (_, i) => {
    const wanted = i % 3 === 0;
    const job = wanted
      ? { title: 'Data Engineer', descriptionText: `Spark and Airflow pipelines for team ${i % 5}.` }
      : { title: 'Account Executive', descriptionText: `Quota, deals and territory ${i % 5}.` };
    return { label: wanted ? (1 as const) : (0 as const), features: featuresOf(normalizedJob({ jobId: `lever:${i}`, ...job })) };
  });
  const report = evaluateDecisions(examples, dataEngineeringConfig(), { holdBack: 0.3 });
  assert.equal(report.trainingExamples + report.heldBackExamples, 80);
  assert.ok(!('reason' in report.model));
  assert.equal(report.model.auc, 1, 'a cleanly separable corpus is ranked perfectly');
  assert.equal(report.model.recall, 1);
  assert.equal(report.blended.precisionAt10, Math.min(1, report.heldBackPositives / 10));
  assert.ok(report.blended.baseRate > 0 && report.blended.baseRate < 1);
});
