import assert from 'node:assert/strict';
import { contracts, type NormalizedJob } from '@jobpipe/contracts';
import type { ParsedPosting } from '../../../src/index.js';

/** The hand-written part of an expected job: everything but the content hash, provenance and skill details (checked apart). */
export type ExpectedJob = Omit<NormalizedJob, 'contentHash' | 'provenance' | 'skillDetails'>;

/** Asserts a parsed posting is the expected job and is valid against the normalized-job schema. */
export function assertJob(posting: ParsedPosting, expected: ExpectedJob): void {
  const { contentHash, provenance, skillDetails, ...actual } = posting.job;
  assert.deepEqual(actual, expected);
  assert.match(contentHash, /^[a-f0-9]{64}$/);
  assert.equal(typeof provenance, 'object');
  assert.deepEqual(
    skillDetails?.map((detail) => detail.name),
    actual.skills,
    'every skill has its details',
  );
  const validation = contracts().validateDefinition('normalized-job', posting.job);
  assert.deepEqual(validation, { ok: true });
}
