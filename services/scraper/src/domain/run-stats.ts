import type { RunCounts } from './run-counts.js';
import type { BoardCoverage, RunCoverage } from './run-coverage.js';
import type { SourceName } from './sources.js';

/** The record of one run, kept in scrapeState under `run#<searchId>#<runId>` (one run id may cover several searches). */
export interface RunRecord {
  readonly key: string;
  readonly runId: string;
  readonly searchId: string;
  readonly source: SourceName;
  /** `running`, then how much of the search the run read (`completed` in records written before coverage). */
  readonly status: 'running' | 'complete' | 'partial' | 'failed' | 'completed';
  readonly counts: RunCounts;
  /** First errors of the run (messages only; never secrets). */
  readonly errors: readonly string[];
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
  readonly drift?: boolean;
  /** How much of the search the run read (what `scrape.finished` announced). */
  readonly coverage?: RunCoverage;
  /** The same per board, for searches that read boards. */
  readonly boards?: readonly BoardCoverage[];
}

/** Whether a run record says the run is over and needs no second go on redelivery. */
export function isFinishedComplete(record: RunRecord | undefined): boolean {
  return record?.status === 'complete' || record?.status === 'completed';
}

/**
 * Source drift: the source returned nothing where the last run of the same search returned many —
 * the usual sign of a changed API or page layout, or of being blocked, rather than of no jobs.
 */
export function isSourceDrift(previousFound: number | undefined, currentFound: number, minimum: number): boolean {
  return currentFound === 0 && previousFound !== undefined && previousFound >= minimum;
}
