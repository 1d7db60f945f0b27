import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JobpipeConfig } from '@jobpipe/contracts';
import { type ScheduledRequest, withStoredSearch } from '../../src/scheduling/scheduled-requests.js';

const deployed: ScheduledRequest = { kind: 'scrape', search: { id: 'mcf-data', source: 'mcf', keywords: 'data', schedule: '0 7 * * *' } };

test('a scheduled scrape runs the search as the stored config states it now, and not once it was removed', () => {
  const edited: JobpipeConfig = {
    tracks: [],
    searches: [{ id: 'mcf-data', source: 'mcf', keywords: 'analytics engineer', schedule: '0 7 * * *' }],
  };
  assert.deepEqual(withStoredSearch(deployed, edited), { kind: 'scrape', search: edited.searches[0] });
  assert.equal(withStoredSearch(deployed, { tracks: [], searches: [] }), undefined);
});

test('before anything is stored, and for other requests, the scheduled request stands', () => {
  assert.deepEqual(withStoredSearch(deployed, undefined), deployed);
  assert.deepEqual(withStoredSearch({ kind: 'etl' }, { tracks: [], searches: [] }), { kind: 'etl' });
});
