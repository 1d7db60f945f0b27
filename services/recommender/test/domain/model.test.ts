import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadModel, predict, type TrainingExample, trainModel } from '../../src/domain/model.js';
import { featuresOf } from '../../src/domain/posting-features.js';
import { normalizedJob } from '../helpers/jobs.js';

// A user who wants data-pipeline work and turns down sales and front-end roles.
const wanted = [
  ['Data Engineer', 'Build Spark and Airflow pipelines; model data with dbt.'],
  ['Senior Data Engineer', 'Own our Airflow orchestration and Spark jobs on Kafka streams.'],
  ['Analytics Engineer', 'dbt models, Airflow scheduling, Snowflake warehouse.'],
  ['Data Platform Engineer', 'Kafka and Spark streaming pipelines, dbt transformations.'],
  ['Data Engineer II', 'Batch pipelines with Airflow and Spark.'],
];
const turnedDown = [
  ['Account Executive', 'Close enterprise deals and grow quota in your territory.'],
  ['Frontend Engineer', 'React and CSS for our design system.'],
  ['Sales Manager', 'Lead a team of account executives to hit quota.'],
  ['UI Developer', 'Build React components with CSS animations.'],
  ['Business Development Rep', 'Prospect new accounts and book sales meetings.'],
];

function corpus(): TrainingExample[] {
  const examples: TrainingExample[] = [];
  const add = (rows: string[][], label: 0 | 1, prefix: string) =>
    rows.forEach(([title, body], i) => {
      examples.push({
        label,
        features: featuresOf(normalizedJob({ jobId: `lever:${prefix}${i}`, title: title!, descriptionText: body! })),
      });
    });
  add(wanted, 1, 'w');
  add(turnedDown, 0, 'd');
  return examples;
}

const unseen = (title: string, body: string) => featuresOf(normalizedJob({ jobId: 'lever:new', title, descriptionText: body }));

test('learns from a small labelled corpus: unseen postings land on the right side', () => {
  const trained = trainModel(corpus());
  assert.ok('model' in trained);
  const model = loadModel(trained.model);
  const pipeline = predict(model, unseen('Data Engineer', 'Spark and Airflow pipelines.'));
  const sales = predict(model, unseen('Account Executive', 'Hit quota closing deals.'));
  assert.ok(pipeline.probability > 0.8, `pipeline job ${pipeline.probability}`);
  assert.ok(sales.probability < 0.2, `sales job ${sales.probability}`);
  assert.ok(pipeline.probability > predict(model, unseen('Engineer', 'Pipelines.')).probability);
});

test('explains with readable words that pushed toward the prediction', () => {
  const trained = trainModel(corpus());
  assert.ok('model' in trained);
  const model = loadModel(trained.model);
  const pipeline = predict(model, unseen('Data Engineer', 'Spark and Airflow pipelines.'));
  assert.ok(pipeline.topTerms.length > 0 && pipeline.topTerms.length <= 3);
  for (const term of pipeline.topTerms) assert.ok(/spark|airflow|data|engineer|pipelines/.test(term), term);
  const sales = predict(model, unseen('Account Executive', 'Hit quota closing deals.'));
  assert.ok(
    sales.topTerms.some((term) => /account|executive|quota|deals/.test(term)),
    sales.topTerms.join(),
  );
});

test('prunes the vocabulary: terms seen in a single posting are left out', () => {
  const trained = trainModel(corpus());
  assert.ok('model' in trained);
  assert.ok(trained.model.vocabulary.includes('airflow'));
  assert.ok(!trained.model.vocabulary.includes('snowflak'), 'snowflake occurs once');
  const small = trainModel(corpus(), { maxVocabulary: 5, minDocumentFrequency: 2 });
  assert.ok('model' in small);
  assert.equal(small.model.vocabulary.length, 5);
});

test('needs both wanted and turned-down postings', () => {
  const onlyWanted = corpus().filter((example) => example.label === 1);
  assert.deepEqual(trainModel(onlyWanted), { reason: 'needs both wanted and turned-down postings (5 and 0)' });
});

test('deterministic: the same decisions in any order give the same version and parameters', () => {
  const a = trainModel(corpus());
  const b = trainModel([...corpus()].reverse());
  assert.ok('model' in a && 'model' in b);
  assert.match(a.model.version, /^nb-[0-9a-f]{16}$/);
  assert.deepEqual(a.model, b.model);
  const changed = corpus();
  changed[0] = { ...changed[0]!, label: 0 };
  const c = trainModel(changed);
  assert.ok('model' in c);
  assert.notEqual(c.model.version, a.model.version);
});

test('a stored model (JSON round trip) predicts the same', () => {
  const trained = trainModel(corpus());
  assert.ok('model' in trained);
  const restored = loadModel(JSON.parse(JSON.stringify(trained.model)));
  const posting = unseen('Data Engineer', 'Kafka streams.');
  assert.deepEqual(predict(restored, posting), predict(loadModel(trained.model), posting));
});
