import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PostingRejected, parseRawBody } from '../../../src/index.js';
import { fixtureBytes, fixtureJson, SEEN_AT } from '../../fixtures.js';

test('SmartRecruiters detail (recorded): name, company, place from the ISO country code, type, level, sections as the description', () => {
  const [posting] = parseRawBody({
    body: fixtureBytes('smartrecruiters/posting-744000091234501.json'),
    source: 'smartrecruiters',
    url: 'https://api.smartrecruiters.com/v1/companies/HarborviewClinics/postings/744000091234501',
    seenAt: SEEN_AT,
  }).postings;
  const job = posting!.job;
  assert.equal(job.jobId, 'smartrecruiters:744000091234501');
  assert.equal(job.canonicalUrl, 'https://jobs.smartrecruiters.com/HarborviewClinics/744000091234501-clinical-data-analyst');
  assert.equal(job.title, 'Clinical Data Analyst');
  assert.equal(job.company, 'Harborview Clinics');
  assert.deepEqual(job.locations, [{ display: 'Seattle, WA, United States', city: 'Seattle', region: 'WA', country: 'US' }]);
  assert.equal(job.remote, false);
  assert.equal(job.employmentType, 'full-time');
  assert.equal(job.postedAt, '2026-10-09T14:22:05.120Z');
  assert.equal(job.salary?.min, 78000);
  assert.equal(job.salary?.max, 92000);
  assert.equal(job.experienceYears?.min, 2);
  assert.match(job.descriptionText ?? '', /^Company Description\n\nHarborview Clinics runs eleven/);
  assert.match(job.descriptionText ?? '', /Qualifications/);
  assert.equal(job.provenance?.employmentType, 'smartrecruiters:typeOfEmployment');
});

test('SmartRecruiters detail without a name is rejected naming the title; detected without --source', () => {
  const detail = fixtureJson<Record<string, unknown>>('smartrecruiters/posting-744000091234501.json');
  assert.equal(parseRawBody({ body: JSON.stringify(detail), seenAt: SEEN_AT }).format, 'smartrecruiters');
  delete detail.name;
  assert.throws(
    () => parseRawBody({ body: JSON.stringify(detail), source: 'smartrecruiters', seenAt: SEEN_AT }),
    (error: unknown) => error instanceof PostingRejected && /title/.test(error.message),
  );
});
