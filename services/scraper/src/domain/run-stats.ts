import type { BoardCoverage, RunCoverage } from './run-coverage.js';
import type { SourceName } from './sources.js';

/** What happened to the postings of one run. */
export interface RunCounts {
  /** Postings the source listed. */
  found: number;
  /** New or changed: stored and announced with job.scraped. */
  published: number;
  /** Same content hash as last time: nothing published. */
  unchanged: number;
  /** The server answered 304 Not Modified: nothing downloaded. */
  notModified: number;
  /** Could not be fetched (after retries) or were refused (allowlist, size). */
  failed: number;
}

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

/** Empty counts. */
export function emptyCounts(): RunCounts {
  return { found: 0, published: 0, unchanged: 0, notModified: 0, failed: 0 };
}

/**
 * Source drift: the source returned nothing where the last run of the same search returned many —
 * the usual sign of a changed API or page layout, or of being blocked, rather than of no jobs.
 */
export function isSourceDrift(previousFound: number | undefined, currentFound: number, minimum: number): boolean {
  return currentFound === 0 && previousFound !== undefined && previousFound >= minimum;
}
