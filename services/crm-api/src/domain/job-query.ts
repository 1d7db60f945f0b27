import type { CrmStage } from '@jobpipe/contracts';
import type { JobSummary } from './job-summary.js';

/** Orders a job list can be sorted by. */
export type JobSort = 'score' | 'posted' | 'salary';

/** What GET /jobs asks for. Salaries are annual, in the posting's currency. */
export interface JobQuery {
  readonly stages?: readonly CrmStage[];
  readonly tracks?: readonly string[];
  readonly sources?: readonly string[];
  readonly minScore?: number;
  readonly company?: string;
  /** Words that must all appear (as word prefixes) in the title, company or skills. */
  readonly text?: string;
  readonly remote?: boolean;
  readonly salaryMin?: number;
  readonly salaryMax?: number;
  readonly currency?: string;
  /** ISO date or date-time: only jobs posted at or after it. */
  readonly postedSince?: string;
  /** Only jobs whose posting is open, or closed (`job.closed`); absent: every job. */
  readonly posting?: 'open' | 'closed';
  /**
   * One row per job (duplicate group): of the postings the filters select, the best ranked
   * (`ranksBefore`) stands for its group, the others listed under its `alsoOn`. Absent: every posting.
   */
  readonly collapse?: boolean;
  readonly sort: JobSort;
  readonly order: 'asc' | 'desc';
  readonly limit: number;
  readonly cursor?: JobCursor;
}

/** Where the previous page ended: the sort value and job id of its last row. */
export interface JobCursor {
  readonly sort: JobSort;
  readonly order: 'asc' | 'desc';
  readonly value: number | string;
  readonly jobId: string;
}

/** Encodes a cursor as an opaque URL-safe string. */
export function encodeCursor(cursor: JobCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.order, cursor.value, cursor.jobId])).toString('base64url');
}

/** Decodes a cursor, or returns undefined when the text is not one of ours. */
export function decodeCursor(text: string): JobCursor | undefined {
  try {
    const parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(parts) || parts.length !== 4) return undefined;
    const [sort, order, value, jobId] = parts as unknown[];
    if (sort !== 'score' && sort !== 'posted' && sort !== 'salary') return undefined;
    if (order !== 'asc' && order !== 'desc') return undefined;
    if ((typeof value !== 'number' && typeof value !== 'string') || typeof jobId !== 'string') return undefined;
    return { sort, order, value, jobId };
  } catch {
    return undefined;
  }
}

/** The words of a search: letters, digits and `+#.` (so `c++`, `c#`, `node.js` stay whole), lower case, at most 12. */
export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}+#.]+/u)
    .map((word) => word.replace(/^\.+|\.+$/g, ''))
    .filter((word) => word.length > 0)
    .slice(0, 12);
}

/** An FTS5 query where every word must appear as a word prefix; words are quoted so no FTS syntax gets through. */
export function fullTextQuery(words: readonly string[]): string {
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}

/** The key a company is stored and filtered under: its name without surrounding spaces, lower-cased. */
export function companyKeyOf(company: string): string {
  return company.trim().toLowerCase();
}

/** The searchable text of a job: its words separated by single spaces, with a space at each end. */
export function searchTextOf(title: string, company: string, skills: readonly string[]): string {
  return ` ${searchWords([title, company, ...skills].join(' ')).join(' ')} `;
}

/** A LIKE pattern matching a searchable text with a word starting with `word` (words hold no LIKE wildcards). */
export function wordPrefixPattern(word: string): string {
  return `% ${word}%`;
}

/**
 * The value a job sorts by in each order: what the adapters index, and what a page's cursor is read
 * back from (the last summary of the page), so the two always agree. No date sorts first, no salary
 * as -1.
 */
export const SORT_VALUE: Readonly<Record<JobSort, (job: JobSummary) => number | string>> = {
  score: (job) => job.score,
  posted: (job) => job.postedAt ?? '',
  salary: (job) => job.annualSalaryMax ?? -1,
};

/**
 * Whether a job matches every filter of a query (not the cursor): what the SQLite adapter's WHERE
 * clause says, for adapters that filter what they read. A missing value (no track, no salary, no
 * date, unknown remote) matches no filter on it. `searchText` is the job's `searchTextOf`.
 */
export function jobMatches(job: JobSummary, searchText: string, query: JobQuery): boolean {
  if (query.stages?.length && !query.stages.includes(job.stage)) return false;
  if (query.tracks?.length && (job.track === null || !query.tracks.includes(job.track))) return false;
  if (query.sources?.length && !query.sources.includes(job.source)) return false;
  if (query.minScore !== undefined && !(job.score >= query.minScore)) return false;
  if (query.company !== undefined && companyKeyOf(job.company) !== companyKeyOf(query.company)) return false;
  if (query.remote !== undefined && job.remote !== query.remote) return false;
  if (query.salaryMin !== undefined && (job.annualSalaryMax === null || job.annualSalaryMax < query.salaryMin)) return false;
  if (query.salaryMax !== undefined && (job.annualSalaryMax === null || job.annualSalaryMax > query.salaryMax)) return false;
  if (query.currency !== undefined && job.salaryCurrency !== query.currency) return false;
  if (query.postedSince !== undefined && (job.postedAt === null || job.postedAt < query.postedSince)) return false;
  if (query.text !== undefined && !searchWords(query.text).every((word) => searchText.includes(` ${word}`))) return false;
  if (query.posting !== undefined && (job.closedAt !== undefined) !== (query.posting === 'closed')) return false;
  return true;
}
