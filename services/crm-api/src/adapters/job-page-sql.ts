import { companyKeyOf, type JobQuery, type JobSort } from '../domain/job-query.js';

/** Column each sort order reads (indexed together with the common filters and job_id). */
export const SORT_COLUMN: Readonly<Record<JobSort, string>> = { score: 'score', posted: 'posted_sort', salary: 'salary_sort' };

/**
 * The stored summary as listed: with when and why its posting closed where it did, and its ghost-risk
 * flags where any fire. Read from the row's own posting-state columns (kept in step with `job_closures`
 * and `job_flags` by triggers), so a page costs no lookup per row beyond the row itself.
 */
export const SUMMARY_WITH_POSTING_STATE = `CASE
  WHEN closed_at IS NULL AND ghost_flags IS NULL THEN summary_json
  WHEN ghost_flags IS NULL THEN json_set(summary_json, '$.closedAt', closed_at, '$.closeReason', close_reason)
  WHEN closed_at IS NULL THEN json_set(summary_json, '$.ghostFlags', json(ghost_flags))
  ELSE json_set(summary_json, '$.closedAt', closed_at, '$.closeReason', close_reason, '$.ghostFlags', json(ghost_flags))
END`;

/** How a page query narrows to the text search: the few matching row ids, or word-prefix patterns tested row by row. */
export type TextFilter = { readonly rowIds: readonly number[] } | { readonly wordPatterns: readonly string[] };

/** A page query: SQL text (the same for every query of the same shape) and its parameters in order. */
export interface PageSql {
  readonly sql: string;
  readonly parameters: unknown[];
}

function placeholders(count: number): string {
  return count === 1 ? '?' : `?${',?'.repeat(count - 1)}`;
}

/**
 * The SQL of one page of jobs (`limit + 1` summary texts, so the caller knows whether a next page
 * exists), written directly rather than through Kysely: this is the hot path of GET /jobs, and the
 * text only varies with the query's shape, so prepared statements can be cached by it.
 */
export function jobPageSql(query: JobQuery, text: TextFilter | undefined): PageSql {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  const where = (condition: string, ...values: unknown[]) => {
    conditions.push(condition);
    parameters.push(...values);
  };
  if (query.stages?.length) where(`stage IN (${placeholders(query.stages.length)})`, ...query.stages);
  if (query.tracks?.length) where(`track IN (${placeholders(query.tracks.length)})`, ...query.tracks);
  if (query.sources?.length) where(`source IN (${placeholders(query.sources.length)})`, ...query.sources);
  if (query.minScore !== undefined) where('score >= ?', query.minScore);
  if (query.company !== undefined) where('company_key = ?', companyKeyOf(query.company));
  if (query.remote !== undefined) where('remote = ?', query.remote ? 1 : 0);
  if (query.salaryMin !== undefined) where('salary_max >= ?', query.salaryMin);
  if (query.salaryMax !== undefined) where('salary_max <= ?', query.salaryMax);
  if (query.currency !== undefined) where('salary_currency = ?', query.currency);
  if (query.postedSince !== undefined) where('posted_at >= ?', query.postedSince);
  if (query.posting === 'open') where('closed_at IS NULL');
  if (query.posting === 'closed') where('closed_at IS NOT NULL');
  if (text && 'rowIds' in text) where(`id IN (${placeholders(text.rowIds.length)})`, ...text.rowIds);
  if (text && 'wordPatterns' in text) for (const pattern of text.wordPatterns) where('search_text LIKE ?', pattern);
  const column = SORT_COLUMN[query.sort];
  const direction = query.order === 'desc' ? 'DESC' : 'ASC';
  if (query.cursor) where(`(${column}, job_id) ${query.order === 'desc' ? '<' : '>'} (?, ?)`, query.cursor.value, query.cursor.jobId);
  parameters.push(query.limit + 1);
  const filter = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  return {
    sql: `SELECT ${SUMMARY_WITH_POSTING_STATE} FROM jobs_read${filter} ORDER BY ${column} ${direction}, job_id ${direction} LIMIT ?`,
    parameters,
  };
}
