import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PostingRejected, parseRawBody } from '../../../src/index.js';
import { fixtureBytes, SEEN_AT } from '../../fixtures.js';

const FEED = 'personio/positions-lindenhof-software.xml';

test('Personio XML feed (recorded): titles, company, offices, remote office, type from employmentType and schedule, years, pay in the text', () => {
  const jobs = parseRawBody({
    body: fixtureBytes(FEED),
    source: 'personio',
    url: 'https://lindenhof-software.jobs.personio.de/xml',
    seenAt: SEEN_AT,
  }).postings.map((posting) => posting.job);
  assert.equal(jobs.length, 3);
  const [backend, student, intern] = jobs as [(typeof jobs)[0], (typeof jobs)[0], (typeof jobs)[0]];
  assert.equal(backend.jobId, 'personio:1620418');
  assert.equal(backend.title, 'Backend Engineer (TypeScript)');
  assert.equal(backend.company, 'Lindenhof Software GmbH');
  assert.deepEqual(
    backend.locations.map((place) => place.display),
    ['Berlin', 'Leipzig'],
  );
  assert.equal(backend.employmentType, 'full-time');
  assert.deepEqual(backend.experienceYears, { min: 2, max: 5 });
  assert.equal(backend.postedAt, '2026-10-12T09:14:27.000Z');
  assert.deepEqual(
    [backend.salary?.min, backend.salary?.max, backend.salary?.currency, backend.salary?.period],
    [62000, 75000, 'EUR', 'year'],
  );
  assert.match(backend.descriptionText ?? '', /^About the role\n\nLindenhof builds/);

  assert.equal(student.remote, true);
  assert.deepEqual(student.locations, []);
  assert.equal(student.employmentType, 'part-time');
  assert.equal(intern.employmentType, 'internship');
});

test('Personio: a stored <position> is detected without --source and takes its page as its address; one without a name is rejected', () => {
  const feed = fixtureBytes(FEED).toString('utf8');
  const position = /<position>[\s\S]*?<\/position>/.exec(feed)![0];
  const result = parseRawBody({ body: position, url: 'https://lindenhof-software.jobs.personio.de/job/1620418', seenAt: SEEN_AT });
  assert.equal(result.format, 'personio');
  assert.equal(result.postings[0]!.job.canonicalUrl, 'https://lindenhof-software.jobs.personio.de/job/1620418');
  assert.throws(
    () => parseRawBody({ body: position.replace(/<name>Backend[^<]*<\/name>/, ''), source: 'personio', seenAt: SEEN_AT }),
    (error: unknown) => error instanceof PostingRejected && /title/.test(error.message),
  );
});
