import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CrmStageChangedV1 } from '@jobpipe/contracts';
import { labelChangeOf } from '../../src/domain/labels.js';

type Move = CrmStageChangedV1['data'];
const move = (from: Move['from'], to: Move['to'], closedReason: Move['closedReason'] = null): Move => ({
  jobId: 'mcf:1',
  from,
  to,
  closedReason,
  changedAt: '2026-03-01T00:00:00.000Z',
  changedBy: 'user',
});

test('shortlisted, applied, interviewing, offer and hired are wanted', () => {
  for (const to of ['shortlisted', 'applied', 'interviewing', 'offer'] as const) {
    assert.deepEqual(labelChangeOf(move('screened', to)), { kind: 'set', label: 1 }, to);
  }
  assert.deepEqual(labelChangeOf(move('offer', 'closed', 'hired')), { kind: 'set', label: 1 });
});

test('closed as not-interested is turned down, from any stage', () => {
  assert.deepEqual(labelChangeOf(move('new', 'closed', 'not-interested')), { kind: 'set', label: 0 });
  assert.deepEqual(labelChangeOf(move('applied', 'closed', 'not-interested')), { kind: 'set', label: 0 });
});

test('rejected straight from new or screened is a screen-out; after shortlisting it is the employer and changes nothing', () => {
  assert.deepEqual(labelChangeOf(move('screened', 'closed', 'rejected')), { kind: 'set', label: 0 });
  assert.deepEqual(labelChangeOf(move(null, 'closed', 'rejected')), { kind: 'set', label: 0 });
  assert.deepEqual(labelChangeOf(move('applied', 'closed', 'rejected')), { kind: 'none' });
});

test('screened, withdrawn and expired say nothing; back to new undoes the label', () => {
  assert.deepEqual(labelChangeOf(move('new', 'screened')), { kind: 'none' });
  assert.deepEqual(labelChangeOf(move('applied', 'closed', 'withdrawn')), { kind: 'none' });
  assert.deepEqual(labelChangeOf(move('screened', 'closed', 'expired')), { kind: 'none' });
  assert.deepEqual(labelChangeOf(move('shortlisted', 'new')), { kind: 'clear' });
});
