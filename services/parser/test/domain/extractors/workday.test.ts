import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PostingRejected, parseRawBody } from '../../../src/index.js';
import { fixtureBytes, fixtureJson, SEEN_AT } from '../../fixtures.js';

const detailUrl = 'https://summit.wd5.myworkdayjobs.com/wday/cxs/summit/Careers/job/Denver-CO/Senior-Data-Engineer_R-20417';

test('Workday detail (recorded): title, employer, hybrid place, time type, posting day, and the pay the description states', () => {
  const [posting] = parseRawBody({
    body: fixtureBytes('workday/job-Senior-Data-Engineer_R-20417.json'),
    source: 'workday',
    url: detailUrl,
    externalId: 'summit.Senior-Data-Engineer_R-20417',
    seenAt: SEEN_AT,
  }).postings;
  const job = posting!.job;
  assert.equal(job.jobId, 'workday:summit.Senior-Data-Engineer_R-20417');
  assert.equal(job.source, 'workday');
  assert.equal(job.canonicalUrl, 'https://summit.wd5.myworkdayjobs.com/Careers/job/Denver-CO/Senior-Data-Engineer_R-20417');
  assert.equal(job.title, 'Senior Data Engineer');
  assert.equal(job.company, 'Summit Outfitters');
  assert.deepEqual(job.locations, [{ display: 'Denver, CO', city: 'Denver', region: 'CO', country: 'US' }]);
  assert.equal(job.remote, false, 'remoteType Hybrid is not remote');
  assert.equal(job.employmentType, 'full-time');
  assert.equal(job.postedAt, '2026-10-12T00:00:00.000Z');
  assert.equal(job.salary?.min, 135000);
  assert.equal(job.salary?.max, 160000);
  assert.equal(job.salary?.currency, 'USD');
  assert.equal(job.salary?.period, 'year');
  assert.equal(job.experienceYears?.min, 5);
  assert.equal(job.provenance?.title, 'workday:jobPostingInfo.title');
  assert.equal(job.provenance?.remote, 'workday:jobPostingInfo.remoteType');
});

test('Workday detail (recorded): a remote posting with an additional location; "Remote, USA" is the work mode, not a city', () => {
  const [posting] = parseRawBody({
    body: fixtureBytes('workday/job-Software-Engineer-II--Checkout_R-20402.json'),
    source: 'workday',
    externalId: 'summit.Software-Engineer-II--Checkout_R-20402',
    seenAt: SEEN_AT,
  }).postings;
  const job = posting!.job;
  assert.equal(job.remote, true);
  assert.deepEqual(
    job.locations.map((place) => place.display),
    ['USA', 'Denver, CO'],
  );
  assert.equal(job.experienceYears?.min, 3);
});

test('Workday detail without a title is rejected naming the field; the body is detected as Workday without --source', () => {
  const detail = fixtureJson<{ jobPostingInfo: Record<string, unknown> }>('workday/job-Senior-Data-Engineer_R-20417.json');
  assert.equal(parseRawBody({ body: JSON.stringify(detail), seenAt: SEEN_AT, externalId: 'x.y' }).format, 'workday');
  delete detail.jobPostingInfo.title;
  assert.throws(
    () => parseRawBody({ body: JSON.stringify(detail), source: 'workday', externalId: 'summit.x', seenAt: SEEN_AT }),
    (error: unknown) => error instanceof PostingRejected && /title/.test(error.message),
  );
});
