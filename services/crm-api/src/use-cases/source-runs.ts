import type { EventDataMap, SourceRunItem } from '@jobpipe/contracts';
import type { ServiceTables, TableReader } from '@jobpipe/shared';

/** How much of its search one scrape run read, as the API shows it. */
export type SourceRun = Omit<SourceRunItem, 'runKey' | 'feed'>;

/** Which runs to list: newest first, over every search or one. */
export interface SourceRunQuery {
  readonly searchId?: string;
  readonly limit: number;
}

/**
 * Keeps a run's coverage from `scrape.finished`. A retried run finishes again under the same run id:
 * its later attempt replaces the earlier one, and an older attempt delivered late changes nothing.
 */
export async function recordSourceRun(
  context: { readonly tables: ServiceTables<'crm-api'> },
  run: EventDataMap['scrape.finished'],
): Promise<boolean> {
  const item: SourceRunItem = { runKey: `${run.searchId}#${run.runId}`, feed: 'run', ...run };
  return context.tables.put(
    'sourceRuns',
    { ...item },
    {
      kind: 'compare',
      attribute: 'finishedAt',
      op: 'lt',
      value: run.finishedAt,
      orNotExists: true,
    },
  );
}

/** Scrape runs, newest first: every search's, or one search's. */
export async function listSourceRuns(context: { readonly tables: TableReader }, query: SourceRunQuery): Promise<SourceRun[]> {
  const page = await context.tables.query(
    'sourceRuns',
    query.searchId === undefined
      ? { index: 'byFinishedAt', partitionValue: 'run', descending: true, limit: query.limit }
      : { index: 'bySearch', partitionValue: query.searchId, descending: true, limit: query.limit },
  );
  return page.items.map(({ runKey: _runKey, feed: _feed, ...run }) => run);
}

/** The newest run of each search among `runs` (newest first), in the order first met. */
export function latestRunPerSearch(runs: readonly SourceRun[]): SourceRun[] {
  const latest = new Map<string, SourceRun>();
  for (const run of runs) if (!latest.has(run.searchId)) latest.set(run.searchId, run);
  return [...latest.values()];
}
