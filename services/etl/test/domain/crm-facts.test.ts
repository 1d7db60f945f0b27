import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exampleTableItem } from '@jobpipe/test-kit';
import { crmChangeOfHistoryItem, stageChangeOf } from '../../src/domain/crm-facts.js';

test('a change gets the same history key from its event and from the history table', () => {
  const event = { jobId: 'mcf:1', from: 'new', to: 'applied', closedReason: null, changedAt: '2026-02-14T00:00:00Z', changedBy: 'user' };
  const fromTable = crmChangeOfHistoryItem({ ...event, changeId: '2026-02-14#1' });
  assert.ok(fromTable);
  assert.equal(stageChangeOf(fromTable).change_key, stageChangeOf(event).change_key);
  assert.equal(stageChangeOf(event).changed_at, '2026-02-14T00:00:00.000Z', 'times are normalized');
});

test('two notes at the same moment are two history rows', () => {
  const note = { jobId: 'mcf:1', from: 'applied', to: 'applied', closedReason: null, changedAt: '2026-02-14T00:00:00Z', changedBy: 'user' };
  assert.notEqual(stageChangeOf({ ...note, note: 'a' }).change_key, stageChangeOf({ ...note, note: 'b' }).change_key);
});

test('a history item that is not a change is rejected', () => {
  assert.equal(crmChangeOfHistoryItem({ jobId: 'mcf:1', to: 'somewhere', changedAt: '2026-02-14T00:00:00Z' }), undefined);
  assert.equal(crmChangeOfHistoryItem({ jobId: 'mcf:1', to: 'new', changedAt: 'yesterday' }), undefined);
});

test('a history item as crm-api stores it keeps who made the change (`by`)', () => {
  const item = exampleTableItem('crmHistory', 'valid-stage', { by: 'sheet' });
  assert.equal(crmChangeOfHistoryItem({ ...item })?.changedBy, 'sheet');
});
