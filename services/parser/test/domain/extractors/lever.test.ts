import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRawBody } from '../../../src/index.js';
import { fixtureBytes, fixtureJson, SEEN_AT } from '../../fixtures.js';
import { assertJob } from './expect-job.js';

const postings = fixtureJson<Record<string, unknown>[]>('lever/postings-mode-json.json');

test('Lever posting (recorded): salaryRange is stated and wins over the text, lists become the description, company from the URL', () => {
  const url = 'https://api.lever.co/v0/postings/northwind/5d3c1f7a-9b2e-4c8d-a6f0-1e2d3c4b5a69';
  const [posting] = parseRawBody({ body: JSON.stringify(postings[0]), source: 'lever', url, seenAt: SEEN_AT }).postings;
  assertJob(posting!, {
    jobId: 'lever:5d3c1f7a-9b2e-4c8d-a6f0-1e2d3c4b5a69',
    source: 'lever',
    externalId: '5d3c1f7a-9b2e-4c8d-a6f0-1e2d3c4b5a69',
    canonicalUrl: 'https://jobs.lever.co/northwind/5d3c1f7a-9b2e-4c8d-a6f0-1e2d3c4b5a69',
    title: 'Staff Platform Engineer',
    company: 'Northwind',
    locations: [
      { display: 'San Francisco, CA', city: 'San Francisco', region: 'CA', country: 'US' },
      { display: 'New York, NY', city: 'New York', region: 'NY', country: 'US' },
    ],
    remote: false,
    employmentType: 'full-time',
    seniority: 'Principal',
    salary: { min: 170000, max: 210000, currency: 'USD', period: 'year', annualMin: 170000, annualMax: 210000, basis: 'stated' },
    // "Go and TypeScript services": Go counts next to another skill.
    skills: ['AWS', 'Go', 'Helm', 'Kubernetes', 'Prometheus', 'Terraform', 'TypeScript'],
    experienceYears: { min: 8, max: null },
    descriptionText:
      'Northwind is looking for a Staff Platform Engineer to lead our Kubernetes platform.\n\n' +
      "What you'll do\n\nRun multi-region Kubernetes clusters on AWS with Terraform\nBuild the golden path for Go and TypeScript services\n\n" +
      'What you bring\n\n8+ years of experience in infrastructure or platform engineering\nDeep knowledge of Kubernetes, Helm and Prometheus\n\n' +
      'Benefits\n\nEquity and a home-office stipend\nSalary range for this role in the US: $150,000 - $190,000',
    postedAt: '2026-07-15T00:00:00.000Z',
    expiresAt: null,
    firstSeenAt: SEEN_AT,
    lastSeenAt: SEEN_AT,
  });
  assert.equal(posting!.job.provenance?.salary, 'lever:salaryRange (per-year-salary)');
  assert.equal(posting!.job.provenance?.seniority, 'text:title');
});

test('Lever remote contract with a day rate in the text: remote, Europe, inferred EUR day rate', () => {
  const [posting] = parseRawBody({ body: JSON.stringify(postings[1]), source: 'lever', seenAt: SEEN_AT }).postings;
  assertJob(posting!, {
    jobId: 'lever:0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d',
    source: 'lever',
    externalId: '0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d',
    canonicalUrl: 'https://jobs.lever.co/northwind/0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d',
    title: 'Analytics Engineer (Contract)',
    company: 'Northwind',
    locations: [{ display: 'Europe', city: null, region: 'Europe', country: null }],
    remote: true,
    employmentType: 'contract',
    seniority: null,
    salary: { min: 550, max: 550, currency: 'EUR', period: 'day', annualMin: 143000, annualMax: 143000, basis: 'inferred' },
    skills: ['dbt', 'Looker', 'LookML', 'SQL'],
    experienceYears: { min: 3, max: 5 },
    descriptionText:
      'A 6-month contract to rebuild our reporting layer in dbt and Looker.\n\nRate: €550 per day.\n\n' +
      'Requirements\n\n3-5 years of analytics engineering experience\nFluent SQL, dbt and Looker (LookML)',
    postedAt: '2026-07-09T00:00:00.000Z',
    expiresAt: null,
    firstSeenAt: SEEN_AT,
    lastSeenAt: SEEN_AT,
  });
  assert.equal(posting!.job.provenance?.salary, 'text:description');
});

test('a Lever postings array yields every posting', () => {
  const result = parseRawBody({ body: fixtureBytes('lever/postings-mode-json.json'), seenAt: SEEN_AT });
  assert.equal(result.format, 'lever');
  assert.equal(result.postings.length, 2);
});
