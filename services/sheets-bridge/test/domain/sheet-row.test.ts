import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planSync } from '../../src/domain/reconcile.js';
import { cellsToRow, neutralize, rowToCells, type SheetRow, syncMarker, unneutralize } from '../../src/domain/sheet-row.js';

test('text that could be a formula is neutralized, and reads back as typed', () => {
  for (const text of ['=1+1', '+1', '-1', '@A1', '\tx']) {
    assert.equal(neutralize(text), `'${text}`);
    assert.equal(unneutralize(neutralize(text)), text);
  }
  assert.equal(neutralize('Data Engineer'), 'Data Engineer');
  assert.equal(unneutralize("'quoted"), "'quoted", 'an apostrophe the user typed stays');
});

test('a row the bridge wrote reads back unedited, so a poll plans nothing', () => {
  const row: SheetRow = {
    jobId: 'mcf:1',
    title: '=evil()',
    company: 'Acme',
    score: 80,
    stage: 'new',
    link: 'https://x.example',
    notes: '-call',
    application: '',
    updatedAt: '2026-03-01T00:00:00.000Z',
    sync: syncMarker('new', "'-call"),
  };
  const read = cellsToRow(rowToCells(row))!;
  assert.deepEqual(read, row);
  const plan = planSync(new Map([['mcf:1', { rowNumber: 2, row: read }]]), new Map(), '2026-03-02T00:00:00.000Z');
  assert.deepEqual(plan, { edits: [], rewrites: [], appends: [], invalid: [] });
});

test('an unknown stage typed in the sheet is reported, not sent', () => {
  const row = cellsToRow(['mcf:1', 't', 'c', 1, 'maybe', '', '', '', '2026-03-01T00:00:00.000Z', syncMarker('new', '')])!;
  const plan = planSync(new Map([['mcf:1', { rowNumber: 2, row }]]), new Map(), '2026-03-02T00:00:00.000Z');
  assert.deepEqual(plan.invalid, [{ jobId: 'mcf:1', stage: 'maybe' }]);
  assert.deepEqual(plan.edits, []);
});
