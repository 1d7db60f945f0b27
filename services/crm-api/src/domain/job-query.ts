import type { Stage } from './stages.js';

/** Orders a job list can be sorted by. */
export type JobSort = 'score' | 'posted' | 'salary';

/** What GET /jobs asks for. Salaries are annual, in the posting's currency. */
export interface JobQuery {
  readonly stages?: readonly Stage[];
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

/**
 * Turns free text into an FTS5 query: every word must appear as a word prefix. Words are quoted so
 * no FTS syntax from the caller is interpreted; returns undefined when no word is left.
 */
export function fullTextQuery(text: string): string | undefined {
  const words = text
    .split(/[^\p{L}\p{N}+#.]+/u)
    .map((word) => word.replace(/^\.+|\.+$/g, ''))
    .filter((word) => word.length > 0)
    .slice(0, 12);
  if (words.length === 0) return undefined;
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}
