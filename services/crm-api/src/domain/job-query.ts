import type { CrmStage } from '@jobpipe/contracts';

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
