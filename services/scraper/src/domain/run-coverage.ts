import type { EventDataMap, ScrapeRunStatus } from '@jobpipe/contracts';
import type { RunCounts } from './run-counts.js';

/** How much of a search one run read (the `coverage` of `scrape.finished`). */
export type RunCoverage = EventDataMap['scrape.finished']['coverage'];

/** How much of one board (a greenhouse board, a lever company) one run read. */
export type BoardCoverage = NonNullable<EventDataMap['scrape.finished']['boards']>[number];

/** What a source reported about its listing beside the postings themselves. */
export interface ListingReport {
  /** The number of matches the source said the search has. */
  readonly reportedTotal?: number | undefined;
  /** Postings listed by lists answered 304 (as many as those lists held last time). */
  readonly listedNotModified: number;
  readonly pagesFailed: number;
  /** Reading stopped at maxPages while the source had more pages. */
  readonly truncated: boolean;
}

/**
 * The coverage of a run from its counts and the listing report. A listing that ended (no more pages,
 * nothing failed, not truncated) with fewer postings than the source reported hit the source's cap:
 * the source stops listing before its own total, so the postings beyond it were never read.
 */
export function runCoverage(counts: RunCounts, listing: ListingReport): RunCoverage {
  const listed = counts.found + listing.listedNotModified;
  const short = listing.reportedTotal !== undefined && listed < listing.reportedTotal;
  return {
    ...(listing.reportedTotal === undefined ? {} : { reportedTotal: listing.reportedTotal }),
    listed,
    fetched: counts.published + counts.unchanged + counts.notModified,
    published: counts.published,
    unchanged: counts.unchanged,
    notModified: counts.notModified,
    postingsFailed: counts.failed,
    pagesFailed: listing.pagesFailed,
    capped: short && !listing.truncated && listing.pagesFailed === 0,
    truncated: listing.truncated,
  };
}

/**
 * complete only when every listed posting and page was read and nothing was capped, truncated or
 * short of the source's own total; failed when the search itself could not be read. Only a complete
 * read may close a job that is missing from it.
 */
export function coverageStatus(coverage: RunCoverage, runFailed: boolean): ScrapeRunStatus {
  if (runFailed) return 'failed';
  const short = coverage.reportedTotal !== undefined && coverage.listed < coverage.reportedTotal;
  const missed = coverage.postingsFailed > 0 || coverage.pagesFailed > 0 || coverage.capped || coverage.truncated || short;
  return missed ? 'partial' : 'complete';
}

/**
 * The coverage of each board the request named: a board whose list was read (or answered 304) is
 * complete with what it listed; one never read failed. Board drift: a board that listed postings last
 * time lists none now — a whole company's board emptying in one day is far more often a moved or
 * blocked board than a hiring freeze, so unlike a keyword search it needs no minimum.
 */
export function boardCoverage(
  boards: readonly string[],
  listedNow: ReadonlyMap<string, number>,
  listedBefore: Readonly<Record<string, number>> | undefined,
): BoardCoverage[] {
  return boards.map((board) => {
    const listed = listedNow.get(board);
    const before = listedBefore?.[board];
    if (listed === undefined) return { board, status: 'failed', listed: 0, drift: false };
    return { board, status: 'complete', listed, drift: listed === 0 && before !== undefined && before > 0 };
  });
}
