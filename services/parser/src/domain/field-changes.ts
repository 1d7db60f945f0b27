import { isDeepStrictEqual } from 'node:util';
import type { NormalizedJob } from '@jobpipe/contracts';

/** The fields of a normalized job that say something about the posting (not identity or sighting bookkeeping). */
export type ComparedField = Exclude<keyof NormalizedJob, 'jobId' | 'contentHash' | 'firstSeenAt' | 'lastSeenAt'>;

/**
 * Every compared field, as a record so the compiler fails here when the normalized-job schema gains a field
 * that is neither compared nor named as bookkeeping above.
 */
const COMPARED: Record<ComparedField, true> = {
  source: true,
  externalId: true,
  canonicalUrl: true,
  title: true,
  company: true,
  locations: true,
  remote: true,
  employmentType: true,
  seniority: true,
  salary: true,
  skills: true,
  skillDetails: true,
  experienceYears: true,
  descriptionText: true,
  postedAt: true,
  expiresAt: true,
  provenance: true,
};

/** The fields compared, in the schema's order. */
export const COMPARED_FIELDS = Object.keys(COMPARED) as ComparedField[];

/** One field whose value differs between what is stored and what the parser makes of the same body now. */
export interface FieldChange {
  readonly field: ComparedField;
  /** The stored value (undefined when the field was absent). */
  readonly before: unknown;
  /** The value the parser gives now (undefined when it is absent now). */
  readonly after: unknown;
}

/** The fields whose values differ between two readings of the same posting, in the schema's order. */
export function changedFields(before: NormalizedJob, after: NormalizedJob): FieldChange[] {
  return COMPARED_FIELDS.filter((field) => !isDeepStrictEqual(before[field], after[field])).map((field) => ({
    field,
    before: before[field],
    after: after[field],
  }));
}
