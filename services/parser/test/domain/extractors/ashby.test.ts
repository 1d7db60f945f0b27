import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PostingRejected, parseRawBody } from '../../../src/index.js';
import { fixtureBytes, fixtureJson, SEEN_AT } from '../../fixtures.js';

const BOARD = 'ashby/board-fernwood-robotics.json';

test('Ashby board (recorded): listed jobs only, with the pay the board displays, places from the postal address', () => {
  const result = parseRawBody({
    body: fixtureBytes(BOARD),
    source: 'ashby',
    url: 'https://api.ashbyhq.com/posting-api/job-board/fernwood-robotics?includeCompensation=true',
    seenAt: SEEN_AT,
  });
  const jobs = result.postings.map((posting) => posting.job);
  assert.deepEqual(
    jobs.map((job) => job.title),
    ['Senior Data Engineer, Fleet Telemetry', 'Robotics Support Technician (Part-Time)'],
    'the unlisted job is not read',
  );
  const [engineer, technician] = jobs as [(typeof jobs)[0], (typeof jobs)[0]];
  assert.equal(engineer.jobId, 'ashby:3f9c2a61-7d4e-4b8a-9c15-2e6f0a8b7d31');
  assert.equal(engineer.canonicalUrl, 'https://jobs.ashbyhq.com/fernwood-robotics/3f9c2a61-7d4e-4b8a-9c15-2e6f0a8b7d31');
  assert.equal(engineer.company, 'Fernwood Robotics');
  assert.deepEqual(engineer.locations, [
    { display: 'Pittsburgh, PA', city: 'Pittsburgh', region: 'Pennsylvania', country: 'United States' },
    { display: 'Boston, MA', city: 'Boston', region: 'Massachusetts', country: 'United States' },
  ]);
  assert.equal(engineer.remote, false, 'hybrid is not remote');
  assert.equal(engineer.employmentType, 'full-time');
  assert.equal(engineer.salary?.min, 165000);
  assert.equal(engineer.salary?.max, 195000);
  assert.equal(engineer.salary?.currency, 'USD');
  assert.equal(engineer.salary?.period, 'year');
  assert.equal(engineer.postedAt, '2026-10-14T15:02:11.418Z');
  assert.equal(engineer.provenance?.salary, 'ashby:compensation.summaryComponents (Salary)');
  assert.match(engineer.descriptionText ?? '', /Kafka and Spark/);

  assert.equal(technician.remote, true);
  assert.equal(technician.employmentType, 'part-time');
  assert.equal(technician.salary, null, 'the board does not display this pay: it is not read');
  assert.deepEqual(technician.locations, [{ display: 'United States', city: null, region: null, country: 'United States' }]);
});

test('Ashby job without a title is rejected naming the title; a stored job is detected without --source', () => {
  const job = fixtureJson<{ jobs: Record<string, unknown>[] }>(BOARD).jobs[0]!;
  assert.equal(parseRawBody({ body: JSON.stringify(job), seenAt: SEEN_AT }).format, 'ashby');
  delete job.title;
  assert.throws(
    () => parseRawBody({ body: JSON.stringify(job), source: 'ashby', seenAt: SEEN_AT }),
    (error: unknown) => error instanceof PostingRejected && /title/.test(error.message),
  );
});
