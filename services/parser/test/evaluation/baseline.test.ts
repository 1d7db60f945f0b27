import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readExtractionBaseline, readExtractionCorpus } from '../../src/evaluation/corpus-files.js';
import { evaluateExtraction } from '../../src/evaluation/extraction-eval.js';

const corpus = readExtractionCorpus();

test('the labelled corpus holds at least 400 snippets and 60 whole postings from every source', () => {
  assert.ok(corpus.snippets.length >= 400, `${corpus.snippets.length} snippets`);
  assert.ok(corpus.postings.length >= 60, `${corpus.postings.length} postings`);
  assert.deepEqual([...new Set(corpus.postings.map((posting) => posting.source))].sort(), [
    'greenhouse',
    'jsonld',
    'lever',
    'mcf',
    'usajobs',
  ]);
});

test('no field of the extraction falls below its committed precision and recall', () => {
  const report = evaluateExtraction(corpus);
  const below: string[] = [];
  for (const [field, floor] of Object.entries(readExtractionBaseline())) {
    const score = report.fields[field];
    assert.ok(score, `no figures for ${field}`);
    if (score.precision < floor.precision) below.push(`${field} precision ${score.precision.toFixed(3)} < ${floor.precision}`);
    if (score.recall < floor.recall) below.push(`${field} recall ${score.recall.toFixed(3)} < ${floor.recall}`);
  }
  assert.deepEqual(below, [], 'run `jobpipe eval extraction` to see the misses');
});

test('the scoring counts a wrong value as both a false positive and a false negative', () => {
  const report = evaluateExtraction({
    snippets: [
      {
        field: 't',
        id: 'a',
        text: '3-5 years of experience with Python and Docker.',
        skills: ['Python', 'Kubernetes'],
        experience: [2, null],
      },
    ],
    postings: [],
  });
  assert.deepEqual(
    [report.fields.skills!.truePositives, report.fields.skills!.falsePositives, report.fields.skills!.falseNegatives],
    [1, 1, 1],
  );
  assert.deepEqual(
    [report.fields.experience!.falsePositives, report.fields.experience!.falseNegatives, report.fields.experience!.exact],
    [1, 1, 0],
  );
});
