import type { SourceRun } from '@jobpipe/crm-api';
import Table from 'cli-table3';
import { cliTableStyle } from './table-style.js';

/** What a run missed, in words: failed postings and pages, a cap, truncation, failed or drifting boards. */
function shortfallOf(run: SourceRun): string {
  const { coverage } = run;
  const parts = [
    coverage.postingsFailed > 0 ? `${coverage.postingsFailed} postings failed` : '',
    coverage.pagesFailed > 0 ? `${coverage.pagesFailed} pages failed` : '',
    coverage.capped ? 'capped by the source' : '',
    coverage.truncated ? 'truncated at maxPages' : '',
    ...(run.boards ?? []).map((board) =>
      board.status === 'failed' ? `board ${board.board} failed` : board.drift ? `board ${board.board} empty` : '',
    ),
    run.drift ? 'DRIFT' : '',
  ];
  return parts.filter(Boolean).join(', ');
}

/** The last run of each search as a table: how much of the search it read, and what it missed. */
export function sourceRunsTable(runs: readonly SourceRun[]): string {
  const table = new Table({
    head: ['search', 'source', 'read', 'listed / total', 'fetched', 'missed', 'finished'],
    colWidths: [20, 11, 10, 16, 9, 40, 22],
    wordWrap: true,
    ...cliTableStyle(),
  });
  for (const run of runs) {
    const total = run.coverage.reportedTotal === undefined ? '' : ` / ${run.coverage.reportedTotal}`;
    table.push([
      run.searchId,
      run.source,
      run.status,
      `${run.coverage.listed}${total}`,
      run.coverage.fetched,
      shortfallOf(run),
      run.finishedAt,
    ]);
  }
  return table.toString();
}
