import { companyKeyOf, type JobQuery, type JobSort } from '../domain/job-query.js';

/** Column each sort order reads (indexed together with the common filters and job_id). */
export const SORT_COLUMN: Readonly<Record<JobSort, string>> = { score: 'score', posted: 'posted_sort', salary: 'salary_sort' };

/**
 * The stored summary as listed: with when and why its posting closed where it did, and its ghost-risk
 * flags where any fire. Read from the row's own posting-state columns (kept in step with `job_closures`
 * and `job_flags` by triggers), so a page costs no lookup per row beyond the row itself. `table` names
 * the row (a qualifier such as `j.`, or nothing).
 */
export function summaryWithPostingState(table = ''): string {
  const t = table;
  return `CASE
  WHEN ${t}closed_at IS NULL AND ${t}ghost_flags IS NULL THEN ${t}summary_json
  WHEN ${t}ghost_flags IS NULL THEN json_set(${t}summary_json, '$.closedAt', ${t}closed_at, '$.closeReason', ${t}close_reason)
  WHEN ${t}closed_at IS NULL THEN json_set(${t}summary_json, '$.ghostFlags', json(${t}ghost_flags))
  ELSE json_set(${t}summary_json, '$.closedAt', ${t}closed_at, '$.closeReason', ${t}close_reason, '$.ghostFlags', json(${t}ghost_flags))
END`;
}

/** How a page query narrows to the text search: the few matching row ids, or word-prefix patterns tested row by row. */
export type TextFilter = { readonly rowIds: readonly number[] } | { readonly wordPatterns: readonly string[] };

/** A page query: SQL text (the same for every query of the same shape) and its parameters in order. */
export interface PageSql {
  readonly sql: string;
  readonly parameters: unknown[];
}

/** A type a bound value is read as (`opaque`). */
type BoundType = 'TEXT' | 'REAL' | 'INTEGER';

/** The type of each sort column's values (and so of a cursor's value). */
const SORT_COLUMN_TYPE: Readonly<Record<JobSort, BoundType>> = { score: 'REAL', posted: 'TEXT', salary: 'REAL' };

/**
 * A placeholder the query planner cannot look into. SQLite as better-sqlite3 builds it (with STAT4)
 * reads a bound value where it may shape the plan (a range or equality on an analyzed index column, a
 * LIKE pattern, the LIMIT), and then prepares the statement again whenever that parameter is bound
 * anew, even to the same value: every page was parsed and planned again (a collapsing query's text,
 * every filter written three times, cost about as much to plan as to run).
 * Behind a CAST the value is only read when the statement runs, so each query shape is planned once,
 * from the table's statistics, and its cached statement is reused as it is.
 */
function opaque(type: BoundType): string {
  return `CAST(? AS ${type})`;
}

/** `count` placeholders for a list of values: `opaque` ones of `type`, or plain ones for row ids (no analyzed column). */
function placeholders(count: number, type: BoundType | 'rowid'): string {
  return Array.from({ length: count }, () => (type === 'rowid' ? '?' : opaque(type))).join(',');
}

/** A query's conditions on one table reference (`prefix` qualifies the columns) and their parameters in order. */
function filterConditions(query: JobQuery, text: TextFilter | undefined, prefix: string): { conditions: string[]; parameters: unknown[] } {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  const where = (condition: string, ...values: unknown[]) => {
    conditions.push(condition);
    parameters.push(...values);
  };
  const p = prefix;
  if (query.stages?.length) where(`${p}stage IN (${placeholders(query.stages.length, 'TEXT')})`, ...query.stages);
  if (query.tracks?.length) where(`${p}track IN (${placeholders(query.tracks.length, 'TEXT')})`, ...query.tracks);
  if (query.sources?.length) where(`${p}source IN (${placeholders(query.sources.length, 'TEXT')})`, ...query.sources);
  if (query.minScore !== undefined) where(`${p}score >= ${opaque('REAL')}`, query.minScore);
  if (query.company !== undefined) where(`${p}company_key = ${opaque('TEXT')}`, companyKeyOf(query.company));
  if (query.remote !== undefined) where(`${p}remote = ${opaque('INTEGER')}`, query.remote ? 1 : 0);
  if (query.salaryMin !== undefined) where(`${p}salary_max >= ${opaque('REAL')}`, query.salaryMin);
  if (query.salaryMax !== undefined) where(`${p}salary_max <= ${opaque('REAL')}`, query.salaryMax);
  if (query.currency !== undefined) where(`${p}salary_currency = ${opaque('TEXT')}`, query.currency);
  if (query.postedSince !== undefined) where(`${p}posted_at >= ${opaque('TEXT')}`, query.postedSince);
  if (query.posting === 'open') where(`${p}closed_at IS NULL`);
  if (query.posting === 'closed') where(`${p}closed_at IS NOT NULL`);
  if (text && 'rowIds' in text) where(`${p}id IN (${placeholders(text.rowIds.length, 'rowid')})`, ...text.rowIds);
  if (text && 'wordPatterns' in text) for (const pattern of text.wordPatterns) where(`${p}search_text LIKE ${opaque('TEXT')}`, pattern);
  return { conditions, parameters };
}

/**
 * The order of the postings of one group as `ranksBefore` gives it (score, then the canonical posting,
 * then job id): what each row's `group_rank` is its place in.
 */
export const GROUP_RANK_ORDER = 'score DESC, (job_id = group_id) DESC, job_id';

/**
 * Row `j`'s summary as a collapsed list shows it: with its `alsoOn`, the other postings of its group
 * that the filters select (each posting's stored entry, best ranked first), spliced in before the
 * summary's closing brace; the summary alone when there are none. The splice is SQLite's, so a page is
 * one text per row.
 */
function collapsedSummarySql(otherFilters: string): string {
  const summary = summaryWithPostingState('j.');
  const others = `SELECT substr(${summary}, 1, length(${summary}) - 1) || ',"alsoOn":[' || group_concat(o.also_on_json, ',' ORDER BY o.group_rank) || ']}'
    FROM jobs_read o WHERE o.group_id = j.group_id AND o.job_id <> j.job_id${otherFilters} HAVING count(*) > 0`;
  return `coalesce(CASE WHEN j.grouped THEN (${others}) END, ${summary})`;
}

/**
 * The SQL of one page of jobs (`limit + 1` rows, so the caller knows whether a next page exists),
 * written directly rather than through Kysely: this is the hot path of GET /jobs, and the text only
 * varies with the query's shape, so prepared statements can be cached by it. Each row is one text, the
 * job's summary as listed (its `alsoOn` spliced in, in a collapsing query): the page is those texts
 * joined, and a next page's cursor is read from the last one. A collapsing query keeps a row only when
 * no other posting of its group that the filters select ranks before it (a lower `group_rank`, kept at
 * write time); the first ranked posting of each group (every job without duplicates among them) skips
 * that test, and rows of jobs without duplicates (`grouped = 0`) the `alsoOn` lookup.
 */
export function jobPageSql(query: JobQuery, text: TextFilter | undefined): PageSql {
  const { conditions, parameters } = filterConditions(query, text, '');
  const column = SORT_COLUMN[query.sort];
  const direction = query.order === 'desc' ? 'DESC' : 'ASC';
  let listed = summaryWithPostingState('j.');
  const selectParameters: unknown[] = [];
  if (query.collapse) {
    const others = filterConditions(query, text, 'o.');
    const otherFilters = others.conditions.map((condition) => ` AND ${condition}`).join('');
    listed = collapsedSummarySql(otherFilters);
    selectParameters.push(...others.parameters);
    conditions.push(
      `(group_rank = 0 OR NOT EXISTS (SELECT 1 FROM jobs_read o WHERE o.group_id = j.group_id AND o.group_rank < j.group_rank${otherFilters}))`,
    );
    parameters.push(...others.parameters);
  }
  if (query.cursor) {
    conditions.push(
      `(${column}, job_id) ${query.order === 'desc' ? '<' : '>'} (${opaque(SORT_COLUMN_TYPE[query.sort])}, ${opaque('TEXT')})`,
    );
    parameters.push(query.cursor.value, query.cursor.jobId);
  }
  parameters.push(query.limit + 1);
  const filter = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  return {
    sql: `SELECT ${listed} FROM jobs_read j${filter} ORDER BY ${column} ${direction}, job_id ${direction} LIMIT ${opaque('INTEGER')}`,
    // Placeholders are numbered in the order of the text: the select list's come first.
    parameters: [...selectParameters, ...parameters],
  };
}
