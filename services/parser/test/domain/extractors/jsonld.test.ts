import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PostingRejected, parseRawBody } from '../../../src/index.js';
import { fixtureBytes, SEEN_AT } from '../../fixtures.js';
import { assertJob } from './expect-job.js';

test('clean JSON-LD JobPosting: MonetaryAmount with a QuantitativeValue range, Place with PostalAddress, offset dates to UTC', () => {
  const url = 'https://careers.acme-analytics.example/jobs/ml-engineer-4411';
  const result = parseRawBody({
    body: fixtureBytes('jsonld/single-posting.html'),
    source: 'jsonld',
    url,
    contentType: 'text/html',
    seenAt: SEEN_AT,
  });
  assert.equal(result.postings.length, 1, 'the analytics scripts are not postings');
  assertJob(result.postings[0]!, {
    jobId: 'jsonld:4411',
    source: 'jsonld',
    externalId: '4411',
    canonicalUrl: url,
    title: 'Machine Learning Engineer',
    company: 'Acme Analytics GmbH',
    locations: [{ display: 'Berlin, BE, DE', city: 'Berlin', region: 'BE', country: 'DE' }],
    remote: null,
    employmentType: 'full-time',
    seniority: null,
    salary: { min: 75000, max: 95000, currency: 'EUR', period: 'year', annualMin: 75000, annualMax: 95000, basis: 'stated' },
    skills: ['Kubernetes', 'Machine Learning', 'Python', 'PyTorch'],
    experienceYears: { min: 3, max: null },
    descriptionText:
      'Acme Analytics is hiring a Machine Learning Engineer to ship ranking models to production.\n\n' +
      'Train and serve models with PyTorch and Kubernetes\n3+ years of experience building ML systems in Python',
    postedAt: '2026-07-01T07:00:00.000Z',
    expiresAt: '2026-08-31T21:59:59.000Z',
    firstSeenAt: SEEN_AT,
    lastSeenAt: SEEN_AT,
  });
});

test('Yoast-style @graph with an entity-escaped description, a bare-string employer, numbers as strings and unitText in lower case', () => {
  const url = 'https://brightside.example/careers/junior-frontend-developer/';
  const result = parseRawBody({
    body: fixtureBytes('jsonld/graph-escaped-strings.html'),
    source: 'jsonld',
    url,
    externalId: 'brightside-junior-fe',
    seenAt: SEEN_AT,
  });
  assertJob(result.postings[0]!, {
    jobId: 'jsonld:brightside-junior-fe',
    source: 'jsonld',
    externalId: 'brightside-junior-fe',
    canonicalUrl: url,
    title: 'Junior Frontend Developer',
    company: 'Brightside Digital Ltd',
    locations: [{ display: 'Manchester, GB', city: 'Manchester', region: null, country: 'GB' }],
    remote: null,
    employmentType: 'full-time',
    seniority: 'Junior',
    salary: { min: 2300, max: 2700, currency: 'GBP', period: 'month', annualMin: 27600, annualMax: 32400, basis: 'stated' },
    skills: ['CSS', 'React', 'TypeScript'],
    experienceYears: { min: 1, max: 2 },
    descriptionText:
      'Join our studio building sites for charities & NGOs.\n\nYou know React, TypeScript and CSS; 1-2 years of experience is ideal.',
    postedAt: '2026-06-20T00:00:00.000Z',
    expiresAt: '2026-07-20T00:00:00.000Z',
    firstSeenAt: SEEN_AT,
    lastSeenAt: SEEN_AT,
  });
  assert.ok(!result.postings[0]!.descriptionHtml.includes('script'), 'the escaped <script> is gone from the sanitized HTML');
  assert.ok(!result.postings[0]!.job.descriptionText.includes('alert'));
});

test('several postings on one page (an array beside a BreadcrumbList): each is a job; TELECOMMUTE is remote, hourly value alone', () => {
  const url = 'https://quanta.example/careers';
  const result = parseRawBody({ body: fixtureBytes('jsonld/several-postings-remote.html'), url, seenAt: SEEN_AT });
  assert.equal(result.format, 'jsonld');
  assert.equal(result.postings.length, 2);
  assertJob(result.postings[0]!, {
    jobId: 'jsonld:SRE-118',
    source: 'jsonld',
    externalId: 'SRE-118',
    canonicalUrl: 'https://quanta.example/careers/sre-118',
    title: 'Site Reliability Engineer',
    company: 'Quanta Labs, Inc.',
    locations: [
      { display: 'Remote (USA)', city: null, region: null, country: 'USA' },
      { display: 'Remote (Canada)', city: null, region: null, country: 'Canada' },
    ],
    remote: true,
    employmentType: 'full-time',
    seniority: null,
    salary: { min: 85, max: 85, currency: 'USD', period: 'hour', annualMin: 176800, annualMax: 176800, basis: 'stated' },
    skills: ['Linux', 'Prometheus', 'Site Reliability Engineering', 'Terraform'],
    experienceYears: { min: 5, max: null },
    descriptionText: 'Keep our trading APIs up. You have 5+ years of SRE experience with Linux, Terraform and Prometheus.',
    postedAt: '2026-07-10T00:00:00.000Z',
    expiresAt: null,
    firstSeenAt: SEEN_AT,
    lastSeenAt: SEEN_AT,
  });
  assertJob(result.postings[1]!, {
    jobId: 'jsonld:QD-207',
    source: 'jsonld',
    externalId: 'QD-207',
    canonicalUrl: 'https://quanta.example/careers/qd-207',
    title: 'Quantitative Developer',
    company: 'Quanta Labs, Inc.',
    locations: [
      { display: 'New York, NY, US', city: 'New York', region: 'NY', country: 'US' },
      { display: 'Chicago, IL, US', city: 'Chicago', region: 'IL', country: 'US' },
    ],
    remote: null,
    employmentType: 'full-time',
    seniority: null,
    salary: { min: 200000, max: 275000, currency: 'USD', period: 'year', annualMin: 200000, annualMax: 275000, basis: 'stated' },
    skills: ['C++', 'Python'],
    experienceYears: { min: 2, max: null },
    descriptionText: 'Build pricing libraries in C++ and Python. Minimum 2 yrs in a front-office role.',
    postedAt: '2026-07-08T00:00:00.000Z',
    expiresAt: '2026-09-30T00:00:00.000Z',
    firstSeenAt: SEEN_AT,
    lastSeenAt: SEEN_AT,
  });
});

test('JSON-LD inside an HTML comment, plain-text description with the salary only in the text, address as a string', () => {
  const url = 'https://harbourcity.example/jobs/hcc-2026-031';
  const result = parseRawBody({ body: fixtureBytes('jsonld/salary-in-description.html'), source: 'jsonld', url, seenAt: SEEN_AT });
  assertJob(result.postings[0]!, {
    jobId: 'jsonld:HCC-2026-031',
    source: 'jsonld',
    externalId: 'HCC-2026-031',
    canonicalUrl: url,
    title: 'Data Analyst & Reporting Officer',
    company: 'Harbour City Council',
    locations: [{ display: 'Level 3, 12 Marine Parade, Wollongong NSW 2500' }],
    remote: null,
    employmentType: 'temporary',
    seniority: null,
    salary: { min: 95000, max: 105000, currency: 'AUD', period: 'year', annualMin: 95000, annualMax: 105000, basis: 'inferred' },
    skills: ['Power BI', 'SQL'],
    experienceYears: { min: 2, max: null },
    descriptionText:
      'The Council seeks a Data Analyst to maintain Power BI dashboards and SQL reporting.\n\n' +
      'Salary: $95,000 - $105,000 plus superannuation.\n\nYou will have a minimum of two (2) years experience in a similar role.',
    postedAt: '2026-07-03T00:00:00.000Z',
    expiresAt: '2026-07-24T00:00:00.000Z',
    firstSeenAt: SEEN_AT,
    lastSeenAt: SEEN_AT,
  });
  assert.equal(result.postings[0]!.job.provenance?.salary, 'text:description');
});

test('a windows-1252 page is decoded by its declared charset', () => {
  const url = 'https://code-general.example/emplois/dev-full-stack';
  const [posting] = parseRawBody({
    body: fixtureBytes('jsonld/windows-1252-page.html'),
    source: 'jsonld',
    url,
    externalId: 'dev-full-stack',
    seenAt: SEEN_AT,
  }).postings;
  const job = posting!.job;
  assert.equal(job.title, 'Développeur Full Stack (H/F)');
  assert.equal(job.company, 'Société Générale du Code');
  assert.equal(job.employmentType, 'full-time', 'a French CDI is a permanent full-time contract');
  assert.deepEqual(job.locations, [{ display: 'Lyon, FR', city: 'Lyon', region: null, country: 'FR' }]);
  assert.deepEqual(job.salary, {
    min: 45000,
    max: 52000,
    currency: 'EUR',
    period: 'year',
    annualMin: 45000,
    annualMax: 52000,
    basis: 'stated',
  });
  assert.deepEqual(job.skills, ['Node.js', 'Vue.js']);
  assert.equal(job.descriptionText, 'Vous développerez notre plateforme en Vue.js et Node.js. Expérience : 3 ans minimum.');
});

test('a page without a JobPosting is rejected, naming the JSON-LD types it does carry', () => {
  assert.throws(
    () =>
      parseRawBody({
        body: fixtureBytes('jsonld/no-posting.html'),
        source: 'jsonld',
        url: 'https://quanta.example/about',
        seenAt: SEEN_AT,
      }),
    (error: unknown) =>
      error instanceof PostingRejected &&
      error.code === 'NO_POSTING' &&
      error.message.includes('Organization, WebSite') &&
      error.message.includes('2 JSON-LD'),
  );
});

test('a full-size ATS page (340 KB of markup around the JSON-LD in <head>)', () => {
  const url = 'https://fernpay.example/careers/jobs/R-10482';
  const result = parseRawBody({ body: fixtureBytes('jsonld/full-page-ats.html'), source: 'jsonld', url, seenAt: SEEN_AT });
  assert.equal(result.postings.length, 1);
  assertJob(result.postings[0]!, {
    jobId: 'jsonld:R-10482',
    source: 'jsonld',
    externalId: 'R-10482',
    canonicalUrl: url,
    title: 'Senior Backend Engineer, Payments',
    company: 'Fernpay B.V.',
    locations: [{ display: 'Amsterdam, NL', city: 'Amsterdam', region: null, country: 'NL' }],
    remote: null,
    employmentType: 'full-time',
    seniority: 'Senior',
    salary: { min: 85000, max: 105000, currency: 'EUR', period: 'year', annualMin: 85000, annualMax: 105000, basis: 'stated' },
    skills: ['Apache Kafka', 'Event-Driven Architecture', 'gRPC', 'Java', 'Kotlin', 'Kubernetes', 'PostgreSQL', 'Spring Boot'],
    experienceYears: { min: 6, max: null },
    descriptionText:
      'About the team\n\nThe Payments team moves money for two million merchants across Europe.\n\nWhat you will do\n\n' +
      'Design idempotent APIs in Kotlin and Java on Spring Boot\nRun PostgreSQL and Kafka at scale on Kubernetes\n\n' +
      'What we look for\n\n6+ years of backend experience\nExperience with gRPC and event-driven architecture',
    postedAt: '2026-07-14T10:30:00.000Z',
    expiresAt: '2026-09-14T10:30:00.000Z',
    firstSeenAt: SEEN_AT,
    lastSeenAt: SEEN_AT,
  });
});

test('a full-size careers page with an escaped @graph posting at the end of <body>: hourly pay from the text in the currency of its country', () => {
  const url = 'https://tidewater.example/jobs/clinical-data-analyst';
  const result = parseRawBody({ body: fixtureBytes('jsonld/full-page-careers-site.html'), url, seenAt: SEEN_AT });
  assertJob(result.postings[0]!, {
    jobId: 'jsonld:TH-5521',
    source: 'jsonld',
    externalId: 'TH-5521',
    canonicalUrl: url,
    title: 'Clinical Data Analyst',
    company: 'Tidewater Health',
    locations: [
      { display: 'Portland, OR, US', city: 'Portland', region: 'OR', country: 'US' },
      { display: 'Seattle, WA, US', city: 'Seattle', region: 'WA', country: 'US' },
    ],
    remote: null,
    employmentType: 'part-time',
    seniority: null,
    salary: { min: 38, max: 46, currency: 'USD', period: 'hour', annualMin: 79040, annualMax: 95680, basis: 'inferred' },
    skills: ['Snowflake', 'SQL', 'Tableau'],
    experienceYears: { min: 2, max: null },
    descriptionText:
      'Tidewater Health is hiring a part-time Clinical Data Analyst (24 hours a week).\n\n' +
      'You will build Tableau dashboards on our Snowflake warehouse and write R and SQL for quality reporting.\n\n' +
      'Pay: $38 - $46 per hour, depending on experience.\n\nRequirements: 2+ years of experience with healthcare data.',
    postedAt: '2026-07-11T00:00:00.000Z',
    expiresAt: '2026-08-10T00:00:00.000Z',
    firstSeenAt: SEEN_AT,
    lastSeenAt: SEEN_AT,
  });
});

test('a JSON-LD posting without url takes the canonical link (made absolute), and the years and pay the page shows', () => {
  const result = parseRawBody({
    body: fixtureBytes('jsonld/no-url-canonical-visible-text.html'),
    source: 'jsonld',
    url: 'https://marlowpike.example/careers?ref=board',
    contentType: 'text/html',
    seenAt: SEEN_AT,
  });
  const job = result.postings[0]!.job;
  assert.equal(job.canonicalUrl, 'https://marlowpike.example/careers/legal-assistant-2291');
  assert.equal(job.provenance?.canonicalUrl, 'page:link[rel=canonical]');
  // The footer's "over 40 years" is the firm's history, and the tracking script is not text.
  assert.deepEqual(job.experienceYears, { min: 2, max: null });
  assert.equal(job.provenance?.experienceYears, 'text:page');
  assert.deepEqual(job.salary, {
    min: 28,
    max: 34,
    currency: 'USD',
    period: 'hour',
    annualMin: 58240,
    annualMax: 70720,
    basis: 'inferred',
  });
  assert.equal(job.provenance?.salary, 'text:page');
});

test('without canonical link the og:url is the address; without any, one message says to give the URL', () => {
  const page = fixtureBytes('jsonld/no-url-canonical-visible-text.html')
    .toString('utf8')
    .replace(/<link rel="canonical"[^>]*>/, '');
  const result = parseRawBody({ body: page, source: 'jsonld', contentType: 'text/html', seenAt: SEEN_AT });
  assert.equal(result.postings[0]!.job.canonicalUrl, 'https://marlowpike.example/careers/og/legal-assistant');
  assert.throws(
    () => parseRawBody({ body: fixtureBytes('jsonld/no-url-anywhere.html'), source: 'jsonld', contentType: 'text/html', seenAt: SEEN_AT }),
    (error: unknown) =>
      error instanceof PostingRejected &&
      error.code === 'MISSING_FIELDS' &&
      /no url and the page has no <link rel="canonical"> or og:url; give the address the page was fetched from \(jobpipe parse: --url <address>\)/.test(
        error.message,
      ),
  );
  const given = parseRawBody({
    body: fixtureBytes('jsonld/no-url-anywhere.html'),
    source: 'jsonld',
    url: 'https://northline.example/jobs/77',
    contentType: 'text/html',
    seenAt: SEEN_AT,
  });
  assert.equal(given.postings[0]!.job.canonicalUrl, 'https://northline.example/jobs/77');
});
