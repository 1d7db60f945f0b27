import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRawBody } from '../../../src/index.js';
import { fixtureBytes, fixtureJson, SEEN_AT } from '../../fixtures.js';
import { assertJob } from './expect-job.js';

interface SearchResponse {
  SearchResult: { SearchResultItems: unknown[] };
}
const items = fixtureJson<SearchResponse>('usajobs/search-2items.json').SearchResult.SearchResultItems;

test('USAJOBS search item (verbatim, as the scraper stores it): stated yearly pay, grade range, composed description', () => {
  const url = 'https://data.usajobs.gov/api/search?Keyword=data#437787500';
  const [posting] = parseRawBody({
    body: JSON.stringify(items[0]),
    source: 'usajobs',
    url,
    externalId: '437787500',
    seenAt: SEEN_AT,
  }).postings;
  const { descriptionText, ...rest } = posting!.job;
  assertJob(
    { ...posting!, job: { ...rest, descriptionText: '' } },
    {
      jobId: 'usajobs:437787500',
      source: 'usajobs',
      externalId: '437787500',
      canonicalUrl: 'https://www.usajobs.gov/GetJob/ViewDetails/437787500',
      title: 'Policy Analyst (Tribal Climate)',
      company: 'Office of the Secretary of the Interior',
      locations: [
        { display: 'Washington DC, District of Columbia', city: 'Washington DC', region: 'District of Columbia', country: 'United States' },
      ],
      remote: null,
      employmentType: 'full-time',
      seniority: 'GS-12 to GS-14',
      salary: { min: 77490, max: 141555, currency: 'USD', period: 'year', annualMin: 77490, annualMax: 141555, basis: 'stated' },
      // A policy analyst post in the Office of Policy Analysis: policy analysis is the work it asks for.
      skills: ['Policy Analysis'],
      experienceYears: { min: 1, max: null },
      descriptionText: '',
      postedAt: '2016-05-03T00:00:00.000Z',
      expiresAt: '2016-05-16T00:00:00.000Z',
      firstSeenAt: SEEN_AT,
      lastSeenAt: SEEN_AT,
    },
  );
  assert.ok(descriptionText.startsWith('Summary\n\nThe U.S. Department of the Interior (DOI) protects Americas natural resources'));
  assert.ok(descriptionText.includes('\n\nQualifications\n\nMINIMUM QUALIFICATIONS: GS-12 To qualify for the GS-12 level'));
  assert.ok(descriptionText.endsWith('All qualification requirements must be met by the closing date of this announcement.'));
  assert.equal(posting!.job.provenance?.salary, 'usajobs:PositionRemuneration (Per Year)');
  // The years now come per grade from the qualifications: one full year at each of GS-12, GS-13 and GS-14.
  assert.equal(posting!.job.provenance?.experienceYears, 'usajobs:QualificationSummary (GS-12: 1 yr; GS-13: 1 yr; GS-14: 1 yr)');
});

test('USAJOBS search item with grades 00: no seniority; the years come from the qualification text', () => {
  const [posting] = parseRawBody({ body: JSON.stringify(items[1]), source: 'usajobs', seenAt: SEEN_AT }).postings;
  const job = posting!.job;
  assert.equal(job.jobId, 'usajobs:437080900');
  assert.equal(job.title, 'REGISTERED NURSE - HBPC');
  assert.equal(job.company, 'Veterans Affairs, Veterans Health Administration');
  assert.deepEqual(job.locations, [{ display: 'Eugene, Oregon', city: 'Eugene', region: 'Oregon', country: 'United States' }]);
  assert.equal(job.seniority, null);
  assert.deepEqual(job.salary, {
    min: 60666,
    max: 106628,
    currency: 'USD',
    period: 'year',
    annualMin: 60666,
    annualMax: 106628,
    basis: 'stated',
  });
  assert.deepEqual(job.skills, ['Nursing'], 'a BSN/MSN is nursing; the confluence of two rivers is not the Confluence wiki');
  assert.deepEqual(job.experienceYears, { min: 1, max: null });
  assert.equal(job.expiresAt, '2016-05-13T00:00:00.000Z');
});

test('a whole USAJOBS search response yields every item', () => {
  const result = parseRawBody({ body: fixtureBytes('usajobs/search-2items.json'), seenAt: SEEN_AT });
  assert.equal(result.format, 'usajobs');
  assert.deepEqual(
    result.postings.map((posting) => posting.job.jobId),
    ['usajobs:437787500', 'usajobs:437080900'],
  );
});

test('USAJOBS rate interval codes: PH hourly, BW two-weekly becomes weekly, WC (without compensation) has no salary', () => {
  const withPay = (code: string, min: string, max: string) => {
    const item = structuredClone(items[0]) as { MatchedObjectDescriptor: { PositionRemuneration: object[] } };
    item.MatchedObjectDescriptor.PositionRemuneration = [{ MinimumRange: min, MaximumRange: max, RateIntervalCode: code, Description: '' }];
    return parseRawBody({ body: JSON.stringify(item), source: 'usajobs', seenAt: SEEN_AT }).postings[0]!.job.salary;
  };
  assert.deepEqual(withPay('PH', '25.50', '32.00'), {
    min: 25.5,
    max: 32,
    currency: 'USD',
    period: 'hour',
    annualMin: 53040,
    annualMax: 66560,
    basis: 'stated',
  });
  assert.deepEqual(withPay('BW', '3000', '4000'), {
    min: 1500,
    max: 2000,
    currency: 'USD',
    period: 'week',
    annualMin: 78000,
    annualMax: 104000,
    basis: 'stated',
  });
  assert.deepEqual(withPay('PM', '5000', '6000'), {
    min: 5000,
    max: 6000,
    currency: 'USD',
    period: 'month',
    annualMin: 60000,
    annualMax: 72000,
    basis: 'stated',
  });
  assert.deepEqual(withPay('PD', '300', '400'), {
    min: 300,
    max: 400,
    currency: 'USD',
    period: 'day',
    annualMin: 78000,
    annualMax: 104000,
    basis: 'stated',
  });
  assert.deepEqual(withPay('PW', '1000', '1200'), {
    min: 1000,
    max: 1200,
    currency: 'USD',
    period: 'week',
    annualMin: 52000,
    annualMax: 62400,
    basis: 'stated',
  });
  assert.deepEqual(withPay('PA', '90000', '120000'), {
    min: 90000,
    max: 120000,
    currency: 'USD',
    period: 'year',
    annualMin: 90000,
    annualMax: 120000,
    basis: 'stated',
  });
  // WC: the stated pay is none; the JobSummary still quotes grade salaries, so the text reading takes over.
  const unpaid = withPay('WC', '0', '0');
  assert.equal(unpaid?.basis, 'inferred');
});
