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

/**
 * One filter a page query may have: the values a query binds to it (undefined when the query does not
 * filter so) and its condition on a table reference (`table` qualifies the columns) for that many values.
 */
interface PageFilter {
  readonly values: (query: JobQuery, text: TextFilter | undefined) => readonly unknown[] | undefined;
  readonly condition: (table: string, count: number) => string;
}

/** A filter's values when it binds one value, or none when the query leaves it out. */
function oneValue(value: unknown): readonly unknown[] | undefined {
  return value === undefined ? undefined : [value];
}

/** Every filter a page query may have, in the order their conditions and parameters are written. */
const PAGE_FILTERS: readonly PageFilter[] = [
  {
    values: (query) => (query.stages?.length ? query.stages : undefined),
    condition: (t, n) => `${t}stage IN (${placeholders(n, 'TEXT')})`,
  },
  {
    values: (query) => (query.tracks?.length ? query.tracks : undefined),
    condition: (t, n) => `${t}track IN (${placeholders(n, 'TEXT')})`,
  },
  {
    values: (query) => (query.sources?.length ? query.sources : undefined),
    condition: (t, n) => `${t}source IN (${placeholders(n, 'TEXT')})`,
  },
  { values: (query) => oneValue(query.minScore), condition: (t) => `${t}score >= ${opaque('REAL')}` },
  {
    values: (query) => oneValue(query.company === undefined ? undefined : companyKeyOf(query.company)),
    condition: (t) => `${t}company_key = ${opaque('TEXT')}`,
  },
  {
    values: (query) => oneValue(query.remote === undefined ? undefined : query.remote ? 1 : 0),
    condition: (t) => `${t}remote = ${opaque('INTEGER')}`,
  },
  { values: (query) => oneValue(query.salaryMin), condition: (t) => `${t}salary_max >= ${opaque('REAL')}` },
  { values: (query) => oneValue(query.salaryMax), condition: (t) => `${t}salary_max <= ${opaque('REAL')}` },
  { values: (query) => oneValue(query.currency), condition: (t) => `${t}salary_currency = ${opaque('TEXT')}` },
  { values: (query) => oneValue(query.postedSince), condition: (t) => `${t}posted_at >= ${opaque('TEXT')}` },
  { values: (query) => (query.posting === 'open' ? [] : undefined), condition: (t) => `${t}closed_at IS NULL` },
  { values: (query) => (query.posting === 'closed' ? [] : undefined), condition: (t) => `${t}closed_at IS NOT NULL` },
  {
    values: (_, text) => (text && 'rowIds' in text ? text.rowIds : undefined),
    condition: (t, n) => `${t}id IN (${placeholders(n, 'rowid')})`,
  },
  {
    values: (_, text) => (text && 'wordPatterns' in text ? text.wordPatterns : undefined),
    condition: (t, n) => Array.from({ length: n }, () => `${t}search_text LIKE ${opaque('TEXT')}`).join(' AND '),
  },
];

/** The values a query binds to each of `PAGE_FILTERS` (undefined for a filter it does not have). */
type BoundFilters = readonly (readonly unknown[] | undefined)[];

/** The conditions of the filters a query has, on one table reference. */
function filterConditions(bound: BoundFilters, table: string): string[] {
  return PAGE_FILTERS.flatMap((filter, i) => {
    const values = bound[i];
    return values === undefined ? [] : [filter.condition(table, values.length)];
  });
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
 * one text per row. The other posting of a group of two is read by its row id (`partner_id`), which
 * costs about half what the group's index range, an ordered join of its entries, does.
 */
function collapsedSummarySql(otherFilters: string): string {
  const summary = summaryWithPostingState('j.');
  const withAlsoOn = (entries: string) => `substr(${summary}, 1, length(${summary}) - 1) || ',"alsoOn":[' || ${entries} || ']}'`;
  const partner = `SELECT ${withAlsoOn('o.also_on_json')} FROM jobs_read o WHERE o.id = j.partner_id${otherFilters}`;
  const others = `SELECT ${withAlsoOn("group_concat(o.also_on_json, ',' ORDER BY o.group_rank)")}
    FROM jobs_read o WHERE o.group_id = j.group_id AND o.job_id <> j.job_id${otherFilters} HAVING count(*) > 0`;
  return `coalesce(CASE WHEN j.partner_id IS NOT NULL THEN (${partner}) WHEN j.grouped THEN (${others}) END, ${summary})`;
}

/** The SQL text of a page query of one shape (see `jobPageSql`). */
function pageSqlText(query: JobQuery, bound: BoundFilters): string {
  const conditions = filterConditions(bound, '');
  const column = SORT_COLUMN[query.sort];
  const direction = query.order === 'desc' ? 'DESC' : 'ASC';
  let listed = summaryWithPostingState('j.');
  if (query.collapse) {
    const otherFilters = filterConditions(bound, 'o.')
      .map((condition) => ` AND ${condition}`)
      .join('');
    listed = collapsedSummarySql(otherFilters);
    conditions.push(
      `(group_rank = 0 OR NOT EXISTS (SELECT 1 FROM jobs_read o WHERE o.group_id = j.group_id AND o.group_rank < j.group_rank${otherFilters}))`,
    );
  }
  if (query.cursor) {
    conditions.push(
      `(${column}, job_id) ${query.order === 'desc' ? '<' : '>'} (${opaque(SORT_COLUMN_TYPE[query.sort])}, ${opaque('TEXT')})`,
    );
  }
  const filter = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  return `SELECT ${listed} FROM jobs_read j${filter} ORDER BY ${column} ${direction}, job_id ${direction} LIMIT ${opaque('INTEGER')}`;
}

/** How many page query texts are kept by shape; past it the kept ones are forgotten (few shapes are in use at once). */
const KEPT_PAGE_SQL = 500;

/**
 * Page query texts by shape: a page's text is looked up by a short key instead of written again, and
 * is the same string each time, so the statement cache finds its statement without reading the text.
 */
const pageSqlByShape = new Map<string, string>();

/**
 * The SQL of one page of jobs (`limit + 1` rows, so the caller knows whether a next page exists),
 * written directly rather than through Kysely: this is the hot path of GET /jobs, and the text only
 * varies with the query's shape (its sort, order, collapse, cursor, and how many values each filter
 * binds), so it is written once per shape and its prepared statement cached. Each row is one text, the
 * job's summary as listed (its `alsoOn` spliced in, in a collapsing query): the page is those texts
 * joined, and a next page's cursor is read from the last one. A collapsing query keeps a row only when
 * no other posting of its group that the filters select ranks before it (a lower `group_rank`, kept at
 * write time); the first ranked posting of each group (every job without duplicates among them) skips
 * that test, and rows of jobs without duplicates (`grouped = 0`) the `alsoOn` lookup.
 */
export function jobPageSql(query: JobQuery, text: TextFilter | undefined): PageSql {
  const bound = PAGE_FILTERS.map((filter) => filter.values(query, text));
  let shape = `${query.sort} ${query.order} ${query.collapse ? 'c' : ''}${query.cursor ? 'k' : ''}`;
  const filterValues: unknown[] = [];
  for (const values of bound) {
    shape += values === undefined ? ' -' : ` ${values.length}`;
    if (values) for (const value of values) filterValues.push(value);
  }
  let sql = pageSqlByShape.get(shape);
  if (sql === undefined) {
    if (pageSqlByShape.size >= KEPT_PAGE_SQL) pageSqlByShape.clear();
    sql = pageSqlText(query, bound);
    pageSqlByShape.set(shape, sql);
  }
  // Placeholders are numbered in the order of the text: a collapsing query binds the filters' values
  // for its alsoOn (the select list: a partner's, a larger group's), the page's rows, and the test of a
  // better ranked posting.
  const parameters = query.collapse ? [...filterValues, ...filterValues, ...filterValues, ...filterValues] : filterValues;
  if (query.cursor) parameters.push(query.cursor.value, query.cursor.jobId);
  parameters.push(query.limit + 1);
  return { sql, parameters };
}
