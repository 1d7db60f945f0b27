import type { NormalizedJob } from '@jobpipe/contracts';

/** A location as the normalized job holds it. */
export type JobLocation = NormalizedJob['locations'][number];

/** A salary period of the normalized job. */
export type SalaryPeriod = 'hour' | 'day' | 'week' | 'month' | 'year';

/** Salary figures as a source states them, before annualizing. */
export interface SalaryFigures {
  readonly min: number | null;
  readonly max: number | null;
  readonly currency: string;
  readonly period: SalaryPeriod;
  readonly basis: 'stated' | 'inferred';
}

/**
 * Whether the source itself says a posting is open or closed (filled, unpublished): only some sources
 * say (MCF `status.jobStatus`, SmartRecruiters `active`, Workable `state`).
 */
export type SourceStatus = 'open' | 'closed';

/**
 * What an extractor reads out of one source posting, before normalization. Null means "the source does
 * not say"; normalization then infers from text where it can. `provenance` names where each value came from.
 */
export interface ExtractedPosting {
  readonly externalId: string | null;
  readonly url: string | null;
  readonly title: string | null;
  readonly company: string | null;
  readonly locations: readonly JobLocation[];
  readonly remote: boolean | null;
  /** Raw employment-type words as the source writes them ("Full Time", "FULL_TIME"...). */
  readonly employmentTypes: readonly string[];
  readonly seniority: string | null;
  readonly salary: SalaryFigures | null;
  /** Currency to assume for salaries found in the text (the source's country), if any. */
  readonly defaultCurrency: string | null;
  /** Skills the source lists itself; null when it lists none. */
  readonly skills: readonly string[] | null;
  readonly experienceYears: { readonly min: number | null; readonly max: number | null } | null;
  /** Description as the source gives it: HTML, possibly entity-escaped, not yet sanitized. */
  readonly descriptionHtml: string;
  readonly postedAt: string | number | null;
  readonly expiresAt: string | number | null;
  /** The posting's status as the source states it; absent where the source states none. */
  readonly sourceStatus?: SourceStatus;
  readonly provenance: Readonly<Record<string, string>>;
}
