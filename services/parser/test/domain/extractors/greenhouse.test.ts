import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRawBody } from '../../../src/index.js';
import { fixtureBytes, fixtureJson, SEEN_AT } from '../../fixtures.js';
import { assertJob } from './expect-job.js';

const board = fixtureJson<{ jobs: Record<string, unknown>[] }>('greenhouse/board-jobs-content.json');

test('Greenhouse job (verbatim): escaped content unescaped, offices as the place, hybrid is not remote', () => {
  const url = 'https://boards-api.greenhouse.io/v1/boards/vercel/jobs/6136160004';
  const [posting] = parseRawBody({
    body: JSON.stringify(board.jobs[0]),
    source: 'greenhouse',
    url,
    externalId: '6136160004',
    seenAt: SEEN_AT,
  }).postings;
  assertJob(posting!, {
    jobId: 'greenhouse:6136160004',
    source: 'greenhouse',
    externalId: '6136160004',
    canonicalUrl: 'https://job-boards.greenhouse.io/vercel/jobs/6136160004',
    title: 'Account Executive, Commercial',
    company: 'Vercel',
    locations: [{ display: 'London, England, United Kingdom', city: 'London', region: 'England', country: 'United Kingdom' }],
    remote: false,
    employmentType: null,
    seniority: null,
    salary: null,
    skills: [],
    experienceYears: null,
    descriptionText:
      "About Vercel:\n\nVercel is the agentic infrastructure company, freeing people and agents to ship what's next. " +
      "For more than a decade we've helped builders move from idea to production with speed, security, and exceptional developer experience.\n\n" +
      "Now we're scaling our products for both agents and people to ship and run software, built in the open and trusted by " +
      'OpenAI, PayPal, Ramp, Supreme, and mill',
    postedAt: '2026-08-06T16:50:10.000Z',
    expiresAt: null,
    firstSeenAt: SEEN_AT,
    lastSeenAt: SEEN_AT,
  });
  assert.ok(posting!.descriptionHtml.startsWith('<div><h2>About Vercel:</h2>'), 'class and data- attributes are dropped');
  assert.equal(posting!.job.provenance?.remote, 'greenhouse:location.name');
});

test('a Greenhouse jobs list yields every job; without company_name the board token names the company', () => {
  const result = parseRawBody({ body: fixtureBytes('greenhouse/board-jobs-content.json'), seenAt: SEEN_AT });
  assert.deepEqual(
    result.postings.map((posting) => [posting.job.jobId, posting.job.title, posting.job.postedAt]),
    [
      ['greenhouse:6136160004', 'Account Executive, Commercial', '2026-08-06T16:50:10.000Z'],
      ['greenhouse:5999792004', 'Account Executive, Majors', '2026-05-21T13:26:09.000Z'],
    ],
  );
  const { company_name: _omitted, ...anonymous } = board.jobs[1]!;
  const url = 'https://boards-api.greenhouse.io/v1/boards/acme-robotics/jobs/5999792004';
  const [posting] = parseRawBody({ body: JSON.stringify(anonymous), source: 'greenhouse', url, seenAt: SEEN_AT }).postings;
  assert.equal(posting!.job.company, 'Acme Robotics');
  assert.equal(posting!.job.provenance?.company, 'greenhouse:board-token');
});
