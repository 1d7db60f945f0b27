import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRawBody } from '../../../src/index.js';
import { fixtureBytes, fixtureJson, SEEN_AT } from '../../fixtures.js';
import { assertJob } from './expect-job.js';

test('MCF /v2/search response (verbatim): every result becomes a job with stated monthly SGD salary and the source skills', () => {
  const result = parseRawBody({ body: fixtureBytes('mcf/search-3results.json'), seenAt: SEEN_AT });
  assert.equal(result.format, 'mcf');
  assert.deepEqual(result.rejected, []);
  assert.equal(result.postings.length, 3);
  assertJob(result.postings[0]!, {
    jobId: 'mcf:c50222fb764dbabbff2d5160d8d3a0ea',
    source: 'mcf',
    externalId: 'c50222fb764dbabbff2d5160d8d3a0ea',
    canonicalUrl:
      'https://www.mycareersfuture.gov.sg/job/others/software-engineer-graviton-research-capital-c50222fb764dbabbff2d5160d8d3a0ea',
    title: 'Software Engineer',
    company: 'GRAVITON RESEARCH CAPITAL (SINGAPORE) PTE. LTD.',
    locations: [{ display: '1 RAFFLES PLACE, ONE RAFFLES PLACE, Singapore 048616', city: 'Singapore', region: 'Central', country: 'SG' }],
    remote: null,
    employmentType: 'full-time',
    seniority: 'Professional',
    salary: { min: 16000, max: 17000, currency: 'SGD', period: 'month', annualMin: 192000, annualMax: 204000, basis: 'stated' },
    skills: [
      'Scala',
      'Automated Trading',
      'Data Structures',
      'Software Engineering',
      'JavaScript',
      'Trading System',
      'Python',
      'Ethernet',
      'Lisp',
      'Java',
      'Parallel Programming',
      'Linux',
    ],
    experienceYears: null,
    descriptionText: '',
    postedAt: '2026-07-14T00:00:00.000Z',
    expiresAt: null,
    firstSeenAt: SEEN_AT,
    lastSeenAt: SEEN_AT,
  });
  assert.equal(result.postings[0]!.job.provenance?.salary, 'mcf:salary (Monthly)');
  assert.equal(result.postings[0]!.job.provenance?.skills, 'mcf:skills');

  const thales = result.postings[1]!.job;
  assert.equal(thales.company, 'THALES DIS (SINGAPORE) PTE. LTD.');
  assert.equal(thales.seniority, 'Junior Executive');
  assert.deepEqual(thales.salary, {
    min: 4000,
    max: 6500,
    currency: 'SGD',
    period: 'month',
    annualMin: 48000,
    annualMax: 78000,
    basis: 'stated',
  });
  assert.deepEqual(thales.locations, [
    { display: '12 AYER RAJAH CRESCENT, THALES BUILDING, Singapore 139941', city: 'Singapore', region: 'West', country: 'SG' },
  ]);
  assert.equal(thales.skills.length, 16);
  assert.equal(thales.skills[0], 'manufacturing environment');

  const newland = result.postings[2]!.job;
  assert.equal(newland.company, 'NEWLAND PAYMENT TECHNOLOGY PTE. LTD.', 'the hiring company, not the agency that posted it');
  assert.equal(newland.provenance?.company, 'mcf:hiringCompany.name');
  assert.equal(newland.remote, null, 'Flexi-Hours is not remote work');
  assert.deepEqual(newland.salary, {
    min: 8000,
    max: 12000,
    currency: 'SGD',
    period: 'month',
    annualMin: 96000,
    annualMax: 144000,
    basis: 'stated',
  });
  assert.equal(newland.postedAt, '2026-07-15T00:00:00.000Z');
});

test('MCF job detail (recorded): description, minimum years, work from home, expiry', () => {
  const url = 'https://api.mycareersfuture.gov.sg/v2/jobs/4f0a7c2e9b1d4e6f8a3c5b7d9e1f2a3b';
  const [posting] = parseRawBody({ body: fixtureBytes('mcf/job-detail-data-engineer.json'), source: 'mcf', url, seenAt: SEEN_AT }).postings;
  assertJob(posting!, {
    jobId: 'mcf:4f0a7c2e9b1d4e6f8a3c5b7d9e1f2a3b',
    source: 'mcf',
    externalId: '4f0a7c2e9b1d4e6f8a3c5b7d9e1f2a3b',
    canonicalUrl:
      'https://www.mycareersfuture.gov.sg/job/information-technology/senior-data-engineer-lionpay-technologies-4f0a7c2e9b1d4e6f8a3c5b7d9e1f2a3b',
    title: 'Senior Data Engineer',
    company: 'LIONPAY TECHNOLOGIES PTE. LTD.',
    locations: [{ display: '79 ANSON ROAD, Singapore 079906', city: 'Singapore', region: 'Central', country: 'SG' }],
    remote: true,
    employmentType: 'full-time',
    seniority: 'Senior Executive',
    salary: { min: 9000, max: 13000, currency: 'SGD', period: 'month', annualMin: 108000, annualMax: 156000, basis: 'stated' },
    // MCF's tags first, then what only the text names (AWS and its services, Scala, ELT, the field itself).
    skills: [
      'Apache Airflow',
      'dbt',
      'Snowflake',
      'Apache Kafka',
      'Python',
      'SQL',
      'Amazon Redshift',
      'Amazon S3',
      'AWS',
      'AWS Glue',
      'Data Engineering',
      'Data Governance',
      'ETL',
      'Scala',
    ],
    experienceYears: { min: 5, max: null },
    descriptionText:
      'About the role\n\nYou will design and run the batch and streaming pipelines behind our payments analytics platform.\n\n' +
      'Responsibilities\n\nBuild ELT pipelines on Airflow and dbt into Snowflake\nOperate Kafka consumers written in Scala and Python\n' +
      'Own data quality checks and on-call for the data platform\n\nRequirements\n\nAt least 5 years of experience in data engineering\n' +
      'Strong SQL and Python\nExperience with AWS (S3, Glue, Redshift)',
    postedAt: '2026-07-16T00:00:00.000Z',
    expiresAt: '2026-08-15T00:00:00.000Z',
    firstSeenAt: SEEN_AT,
    lastSeenAt: SEEN_AT,
  });
  assert.equal(posting!.job.provenance?.experienceYears, 'mcf:minimumYearsExperience');
  assert.equal(posting!.job.provenance?.remote, 'mcf:flexibleWorkArrangements');
  assert.equal(posting!.job.provenance?.skills, 'mcf:skills+text:description');
  const details = new Map(posting!.job.skillDetails?.map((detail) => [detail.name, detail]));
  // Tagged and named under Requirements; tagged only; named only in the text.
  assert.deepEqual(details.get('SQL'), { name: 'SQL', importance: 'required', sources: ['mcf:skills', 'text:description'] });
  assert.deepEqual(details.get('Amazon S3'), { name: 'Amazon S3', importance: 'required', sources: ['text:description'] });
  assert.deepEqual(details.get('Scala'), { name: 'Scala', importance: 'mentioned', sources: ['text:description'] });
});

test('MCF job detail posted by an agency with no skills and no years: both read from the text', () => {
  const [posting] = parseRawBody({ body: fixtureBytes('mcf/job-detail-agency-no-years.json'), source: 'mcf', seenAt: SEEN_AT }).postings;
  assertJob(posting!, {
    jobId: 'mcf:9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49',
    source: 'mcf',
    externalId: '9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49',
    canonicalUrl:
      'https://www.mycareersfuture.gov.sg/job/information-technology/backend-developer-swifthaul-logistics-9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49',
    title: 'Backend Developer (Java / Spring Boot)',
    company: 'SWIFTHAUL LOGISTICS PTE. LTD.',
    locations: [{ display: 'Singapore', city: 'Singapore', region: null, country: 'SG' }],
    remote: null,
    employmentType: 'contract',
    seniority: 'Executive',
    salary: { min: 6000, max: 8500, currency: 'SGD', period: 'month', annualMin: 72000, annualMax: 102000, basis: 'stated' },
    skills: ['Docker', 'Java', 'Kubernetes', 'Microservices', 'PostgreSQL', 'Redis', 'Spring Boot'],
    experienceYears: { min: 3, max: null },
    descriptionText:
      'Our client, a regional logistics platform, is hiring a Backend Developer.\n\nJob Requirements\n\n' +
      'Degree in Computer Science or equivalent\nMinimum 3 years of experience developing Java microservices with Spring Boot\n' +
      'Familiar with PostgreSQL, Redis and Docker; Kubernetes is a plus\n\n' +
      'Interested applicants, please click APPLY NOW. EA Licence No. 21C0420 | Reg. No. R1987654',
    postedAt: '2026-07-17T00:00:00.000Z',
    expiresAt: '2026-08-16T00:00:00.000Z',
    firstSeenAt: SEEN_AT,
    lastSeenAt: SEEN_AT,
  });
  assert.equal(posting!.job.provenance?.skills, 'text:description');
  assert.equal(posting!.job.provenance?.experienceYears, 'text:description');
});

test('an MCF search result holds no description: the job still parses with an empty text', () => {
  const search = fixtureJson<{ results: unknown[] }>('mcf/search-3results.json');
  const [posting] = parseRawBody({ body: JSON.stringify(search.results[1]), source: 'mcf', seenAt: SEEN_AT }).postings;
  assert.equal(posting!.job.jobId, 'mcf:83d94ac7ffcd606ab539dc7618d383bc');
  assert.equal(posting!.job.descriptionText, '');
  assert.equal(posting!.descriptionHtml, '');
});
