import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PostingRejected, parseRawBody } from '../../../src/index.js';
import { fixtureBytes, fixtureJson, SEEN_AT } from '../../fixtures.js';

const API = 'https://apply.workable.com/api/v2/accounts/marlow-biolabs/jobs';

test('Workable job details (recorded): company from the account, places, workplace, type, pay read from the benefits', () => {
  const read = (shortcode: string) =>
    parseRawBody({ body: fixtureBytes(`workable/job-${shortcode}.json`), source: 'workable', url: `${API}/${shortcode}`, seenAt: SEEN_AT })
      .postings[0]!.job;
  const engineer = read('A3F7C21D9E');
  assert.equal(engineer.jobId, 'workable:A3F7C21D9E');
  assert.equal(engineer.canonicalUrl, 'https://apply.workable.com/marlow-biolabs/j/A3F7C21D9E/');
  assert.equal(engineer.title, 'Bioinformatics Data Engineer');
  assert.equal(engineer.company, 'Marlow Biolabs');
  assert.deepEqual(engineer.locations, [
    { display: 'Cambridge, England, United Kingdom', city: 'Cambridge', region: 'England', country: 'United Kingdom' },
  ]);
  assert.equal(engineer.remote, false, 'hybrid is not remote');
  assert.equal(engineer.employmentType, 'full-time');
  assert.equal(engineer.postedAt, '2026-10-19T08:30:00.000Z');
  assert.deepEqual(
    [engineer.salary?.min, engineer.salary?.max, engineer.salary?.currency, engineer.salary?.period],
    [55000, 68000, 'GBP', 'year'],
  );
  assert.match(engineer.descriptionText ?? '', /Requirements[\s\S]*Benefits/);

  const technician = read('7B2E90F4C1');
  assert.equal(technician.employmentType, 'part-time');
  assert.equal(technician.remote, false);
  const manager = read('D41C8A7730');
  assert.equal(manager.remote, true);
  assert.equal(manager.employmentType, 'contract');
  assert.deepEqual(manager.locations, [{ display: 'United Kingdom', city: null, region: null, country: 'United Kingdom' }]);
});

test('Workable job without a title is rejected naming the title; a detail is detected without --source', () => {
  const job = fixtureJson<Record<string, unknown>>('workable/job-A3F7C21D9E.json');
  assert.equal(parseRawBody({ body: JSON.stringify(job), url: `${API}/A3F7C21D9E`, seenAt: SEEN_AT }).format, 'workable');
  delete job.title;
  assert.throws(
    () => parseRawBody({ body: JSON.stringify(job), source: 'workable', url: `${API}/A3F7C21D9E`, seenAt: SEEN_AT }),
    (error: unknown) => error instanceof PostingRejected && /title/.test(error.message),
  );
});

test('Workable account widget (recorded): every job, the company from the widget, the page from its url', () => {
  const jobs = parseRawBody({
    body: fixtureBytes('workable/widget-marlow-biolabs.json'),
    source: 'workable',
    seenAt: SEEN_AT,
  }).postings.map((posting) => posting.job);
  assert.deepEqual(
    jobs.map((job) => [job.jobId, job.company, job.canonicalUrl]),
    [
      ['workable:A3F7C21D9E', 'Marlow Biolabs', 'https://apply.workable.com/j/A3F7C21D9E'],
      ['workable:7B2E90F4C1', 'Marlow Biolabs', 'https://apply.workable.com/j/7B2E90F4C1'],
      ['workable:D41C8A7730', 'Marlow Biolabs', 'https://apply.workable.com/j/D41C8A7730'],
    ],
  );
  assert.equal(jobs[0]!.employmentType, 'full-time', 'the widget writes employment_type');
  assert.equal(jobs[0]!.provenance?.company, 'workable:widget.name');
});
