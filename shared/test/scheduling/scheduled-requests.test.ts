import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contracts, type JobpipeConfig } from '@jobpipe/contracts';
import { type ScheduledRequest, type SearchConfig, scrapeRequestFor, withStoredSearch } from '../../src/scheduling/scheduled-requests.js';

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

test("a search's own allowed hosts travel with its scrape request", () => {
  const search: SearchConfig = {
    id: 'jsonld-maisonlune',
    source: 'jsonld',
    urls: ['https://careers.maisonlune.example/offres/patissier'],
    allowHosts: ['careers.maisonlune.example'],
    schedule: '0 8 * * *',
  };
  const request = scrapeRequestFor(search, 'run-1', 'schedule');
  assert.deepEqual(request.allowHosts, ['careers.maisonlune.example']);
  assert.deepEqual(
    contracts().validate('scrape.requested', {
      meta: {
        eventId: '0b7e3c1a-5d2f-4c8e-9a1b-000000000016',
        schemaVersion: '1.0',
        occurredAt: '2026-12-06T08:00:00.000Z',
        correlationId: 'c',
      },
      data: request,
    }),
    { ok: true },
  );
});
