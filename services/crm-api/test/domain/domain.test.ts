import assert from 'node:assert/strict';
import { test } from 'node:test';
import { neutralizeFormula } from '../../src/domain/csv-safety.js';
import { importRowFromCsv, unknownColumns } from '../../src/domain/import-rows.js';
import { decodeCursor, encodeCursor, fullTextQuery, searchWords } from '../../src/domain/job-query.js';
import { allowedNextStages, checkTransition } from '../../src/domain/stage-transitions.js';

test('each stage moves to the next one or to closed; closed is final', () => {
  assert.deepEqual(allowedNextStages('new'), ['screened', 'closed']);
  assert.deepEqual(allowedNextStages('offer'), ['closed']);
  assert.deepEqual(allowedNextStages('closed'), []);
  assert.deepEqual(checkTransition('new', 'screened', null), { ok: true });
  const illegal = checkTransition('new', 'offer', null);
  assert.equal(illegal.ok, false);
  assert.equal(!illegal.ok && illegal.kind, 'illegal');
  assert.equal(checkTransition('screened', 'closed', null).ok, false, 'closing needs a reason');
  assert.equal(checkTransition('screened', 'shortlisted', 'hired').ok, false, 'a reason only when closing');
  assert.deepEqual(checkTransition('offer', 'closed', 'hired'), { ok: true });
});

test('formula-looking cells are prefixed with a quote; other cells are unchanged', () => {
  assert.equal(neutralizeFormula("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
  assert.equal(neutralizeFormula('+1+2'), "'+1+2");
  assert.equal(neutralizeFormula('-2'), "'-2");
  assert.equal(neutralizeFormula('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(neutralizeFormula('Data Engineer'), 'Data Engineer');
  assert.equal(neutralizeFormula(-2), -2);
  assert.equal(neutralizeFormula(null), '');
});

test('a CSV record becomes a typed import row; unparseable cells stay text for validation to name', () => {
  assert.deepEqual(
    importRowFromCsv({
      title: ' Data Engineer ',
      company: 'Acme',
      url: 'https://a.example/1',
      remote: 'yes',
      salaryMin: '5000',
      skills: 'python; sql|spark',
      location: '',
    }),
    {
      title: 'Data Engineer',
      company: 'Acme',
      url: 'https://a.example/1',
      remote: true,
      salaryMin: 5000,
      skills: ['python', 'sql', 'spark'],
    },
  );
  assert.deepEqual(importRowFromCsv({ salaryMax: 'lots', remote: 'maybe' }), { salaryMax: 'lots', remote: 'maybe' });
  assert.deepEqual(unknownColumns(['title', 'company', 'url', 'colour']), ['colour']);
});

test('cursors round-trip and foreign text is refused; search words are quoted for FTS', () => {
  const cursor = { sort: 'score', order: 'desc', value: 71.5, jobId: 'mcf:abc' } as const;
  assert.deepEqual(decodeCursor(encodeCursor(cursor)), cursor);
  assert.equal(decodeCursor('not-a-cursor'), undefined);
  assert.deepEqual(searchWords('  C++ and Node.js, "quoted" OR NEAR('), ['c++', 'and', 'node.js', 'quoted', 'or', 'near']);
  assert.equal(fullTextQuery(['data', 'eng']), '"data"* "eng"*');
});
