import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NormalizedJob } from '@jobpipe/contracts';
import { FieldChangeTally } from '../../src/domain/field-change-tally.js';
import { changedFields } from '../../src/domain/field-changes.js';

const job: NormalizedJob = {
  jobId: 'lever:acme:1',
  source: 'lever',
  externalId: '1',
  canonicalUrl: 'https://jobs.lever.co/acme/1',
  title: 'Payroll Specialist',
  company: 'Acme',
  locations: [{ display: 'Austin, TX', city: 'Austin', region: 'TX', country: 'US' }],
  remote: false,
  employmentType: 'full-time',
  seniority: 'mid',
  salary: null,
  skills: ['Excel', 'ADP'],
  experienceYears: { min: 2, max: null },
  descriptionText: 'Run payroll.',
  postedAt: '2026-11-01T00:00:00.000Z',
  expiresAt: null,
  contentHash: 'a',
  firstSeenAt: '2026-11-02T00:00:00.000Z',
  lastSeenAt: '2026-11-02T00:00:00.000Z',
};

test('changedFields names the posting fields that differ, not identity or sighting bookkeeping', () => {
  const later: NormalizedJob = {
    ...job,
    skills: ['Excel', 'ADP', 'Workday'],
    employmentType: 'part-time',
    contentHash: 'b',
    lastSeenAt: '2026-12-01T00:00:00.000Z',
  };
  assert.deepEqual(changedFields(job, later), [
    { field: 'employmentType', before: 'full-time', after: 'part-time' },
    { field: 'skills', before: ['Excel', 'ADP'], after: ['Excel', 'ADP', 'Workday'] },
  ]);
  assert.deepEqual(changedFields(job, { ...job, contentHash: 'c' }), []);
});

test('changedFields reports an optional field that appeared or went away', () => {
  const withDetails: NormalizedJob = { ...job, skillDetails: [{ name: 'Excel', importance: 'required', sources: ['text:description'] }] };
  assert.deepEqual(
    changedFields(job, withDetails).map(({ field, before }) => [field, before]),
    [['skillDetails', undefined]],
  );
  assert.deepEqual(
    changedFields(withDetails, job).map(({ field, after }) => [field, after]),
    [['skillDetails', undefined]],
  );
});

test('FieldChangeTally counts jobs per field, most-changed first, keeping the first examples', () => {
  const tally = new FieldChangeTally(2);
  tally.add('a', [{ field: 'title', before: 'x', after: 'y' }]);
  for (const id of ['b', 'c', 'd']) tally.add(id, [{ field: 'skills', before: [], after: [id] }]);
  assert.deepEqual(tally.counts(), [
    {
      field: 'skills',
      jobs: 3,
      examples: [
        { jobId: 'b', before: [], after: ['b'] },
        { jobId: 'c', before: [], after: ['c'] },
      ],
    },
    { field: 'title', jobs: 1, examples: [{ jobId: 'a', before: 'x', after: 'y' }] },
  ]);
});
