import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CURRENT_SCHEMA_VERSION, contracts, type JobpipeConfig } from '@jobpipe/contracts';
import {
  eventForScheduledRequest,
  type ScheduledRequest,
  type SearchConfig,
  scrapeRequestFor,
  withStoredSearch,
} from '../../src/scheduling/scheduled-requests.js';

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

test("the daily digest request is the notifier's notification.digest-requested, valid by its contract", () => {
  const now = new Date('2026-12-01T07:00:00.000Z');
  const event = eventForScheduledRequest({ kind: 'digest' }, 'run-42', now);
  assert.deepEqual(event, { detailType: 'notification.digest-requested', data: { requestId: 'run-42', requestedAt: now.toISOString() } });
  const meta = {
    eventId: '3c0f9a51-6d2e-4b8a-9f47-2a1b0c9d8e71',
    schemaVersion: CURRENT_SCHEMA_VERSION['notification.digest-requested'],
    occurredAt: now.toISOString(),
    correlationId: 'c-1',
  };
  assert.deepEqual(contracts().validate('notification.digest-requested', { meta, data: event.data }), { ok: true });
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
