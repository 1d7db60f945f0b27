import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PostingRejected, parseRawBody } from '../../../src/index.js';
import { fixtureBytes, fixtureJson, SEEN_AT } from '../../fixtures.js';

const SITE = 'recruitee/offers-tidewater-analytics.json';

test('Recruitee offers (recorded): company, places, work mode, type, level, stated pay per period, Recruitee dates', () => {
  const jobs = parseRawBody({ body: fixtureBytes(SITE), source: 'recruitee', seenAt: SEEN_AT }).postings.map((posting) => posting.job);
  assert.equal(jobs.length, 3);
  const [analytics, support, gis] = jobs as [(typeof jobs)[0], (typeof jobs)[0], (typeof jobs)[0]];
  assert.equal(analytics.jobId, 'recruitee:1873402');
  assert.equal(analytics.canonicalUrl, 'https://tidewater-analytics.recruitee.com/o/analytics-engineer-rotterdam');
  assert.equal(analytics.title, 'Analytics Engineer');
  assert.equal(analytics.company, 'Tidewater Analytics');
  assert.deepEqual(analytics.locations, [
    { display: 'Rotterdam, South Holland, Netherlands', city: 'Rotterdam', region: 'South Holland', country: 'Netherlands' },
  ]);
  assert.equal(analytics.remote, false, 'hybrid is not remote');
  assert.equal(analytics.employmentType, 'full-time');
  assert.deepEqual(
    [analytics.salary?.min, analytics.salary?.max, analytics.salary?.currency, analytics.salary?.period],
    [58000, 72000, 'EUR', 'year'],
  );
  assert.equal(analytics.postedAt, '2026-10-09T07:00:00.000Z');
  assert.match(analytics.descriptionText ?? '', /Requirements/);
  assert.equal(analytics.provenance?.salary, 'recruitee:salary');

  assert.equal(support.remote, true);
  assert.equal(support.employmentType, 'part-time');
  assert.equal(support.salary?.period, 'month');
  assert.equal(support.salary?.annualMin, 25200);
  assert.deepEqual(support.locations, [{ display: 'Germany', city: null, region: null, country: 'Germany' }]);

  assert.equal(gis.employmentType, 'contract');
  assert.equal(gis.remote, false);
  assert.equal(gis.salary, null);
});

test('Recruitee: an /api/offers/{slug} answer is read too; an offer without a title is rejected naming it', () => {
  const offer = fixtureJson<{ offers: Record<string, unknown>[] }>(SITE).offers[0]!;
  assert.equal(parseRawBody({ body: JSON.stringify({ offer }), seenAt: SEEN_AT }).format, 'recruitee');
  delete offer.title;
  assert.throws(
    () => parseRawBody({ body: JSON.stringify(offer), source: 'recruitee', seenAt: SEEN_AT }),
    (error: unknown) => error instanceof PostingRejected && /title/.test(error.message),
  );
});
