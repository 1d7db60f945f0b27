import type { EventDataMap, JobCloseReason, ScrapeRunStatus } from '@jobpipe/contracts';

/** A search's bookkeeping on one job: the last run that counted, and complete reads in a row without it. */
export interface SearchRead {
  readonly lastRunId: string;
  readonly misses: number;
  /** The complete runs that missed it (the latest few), named as evidence when it closes. */
  readonly missedRunIds?: readonly string[];
}

/** What the lifecycle of one job is decided from, and what it changes. */
export interface JobLifecycle {
  readonly jobId: string;
  readonly firstSeenAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string | null;
  readonly closedAt?: string;
  readonly closeReason?: JobCloseReason;
  readonly reads?: Readonly<Record<string, SearchRead | undefined>>;
}

/** One finished run of one search, and whether it listed the job. */
export interface RunSighting {
  readonly searchId: string;
  readonly runId: string;
  readonly status: ScrapeRunStatus;
  readonly finishedAt: string;
  readonly listed: boolean;
}

/** What a run changes on a job: nothing, bookkeeping only, a close (with its event) or a reopen. */
export type LifecycleChange =
  | { readonly kind: 'none' }
  | { readonly kind: 'update'; readonly lifecycle: JobLifecycle }
  | { readonly kind: 'close'; readonly lifecycle: JobLifecycle; readonly event: EventDataMap['job.closed'] }
  | { readonly kind: 'reopen'; readonly lifecycle: JobLifecycle; readonly event: EventDataMap['job.reopened'] };

/** Complete reads in a row without a job before it closes as missing. */
export const MISSES_TO_CLOSE = 2;

/**
 * `lastSeenAt` is moved forward by a sighting at most this often: a job listed by every daily run would
 * otherwise be written every run, and a day's resolution is all that age and staleness need.
 */
export const LAST_SEEN_STEP_MS = 20 * 60 * 60 * 1000;

const MISSED_RUNS_KEPT = MISSES_TO_CLOSE;

function isExpired(job: JobLifecycle, at: string): boolean {
  return job.expiresAt !== null && Date.parse(job.expiresAt) <= Date.parse(at);
}

/** A close of the job at `at` for `reason`, with its `job.closed` (the evidence and expiry when they apply). */
export function closed(
  job: JobLifecycle,
  at: string,
  reason: JobCloseReason,
  evidence?: { searchId: string; runIds: string[] },
): LifecycleChange {
  const lifecycle: JobLifecycle = { ...job, closedAt: at, closeReason: reason };
  return {
    kind: 'close',
    lifecycle,
    event: {
      jobId: job.jobId,
      closedAt: at,
      closeReason: reason,
      firstSeenAt: job.firstSeenAt,
      lastSeenAt: job.lastSeenAt,
      ...(evidence ? { evidence } : {}),
      ...(reason === 'expired' && job.expiresAt ? { expiresAt: job.expiresAt } : {}),
    },
  };
}

/**
 * What one finished run of one search does to a job of its source:
 * - listed: the search's misses start again, `lastSeenAt` moves on, and a job closed for any reason but
 *   the user's or its source's own word — unless it is still past its own closing date — reopens;
 * - not listed by a complete read of a search that listed it before: one more miss; once every search
 *   that ever listed it has missed it {@link MISSES_TO_CLOSE} complete reads in a row it closes as
 *   `missing-from-complete-reads`, naming the runs;
 * - not listed by a partial read: nothing (a partial read proves nothing about what it did not list);
 * - past the closing date its source gave (`expiresAt`): closes as `expired`, whatever the read.
 * A run already counted for the job (a redelivery) changes nothing.
 */
export function lifecycleAfterRun(job: JobLifecycle, run: RunSighting): LifecycleChange {
  if (run.status === 'failed') return { kind: 'none' };
  const previous = job.reads?.[run.searchId];
  if (previous?.lastRunId === run.runId) return expiryOnly(job, run.finishedAt);
  if (run.listed) return sighted(job, run, previous);
  if (run.status !== 'complete' || !previous) return expiryOnly(job, run.finishedAt);
  const missedRunIds = [...(previous.missedRunIds ?? []), run.runId].slice(-MISSED_RUNS_KEPT);
  const reads = { ...job.reads, [run.searchId]: { lastRunId: run.runId, misses: previous.misses + 1, missedRunIds } };
  const missed: JobLifecycle = { ...job, reads };
  if (missed.closedAt !== undefined) return { kind: 'update', lifecycle: missed };
  if (isExpired(missed, run.finishedAt)) return closed(missed, run.finishedAt, 'expired');
  const everySearchMissed = Object.values(reads).every((read) => read === undefined || read.misses >= MISSES_TO_CLOSE);
  if (everySearchMissed)
    return closed(missed, run.finishedAt, 'missing-from-complete-reads', { searchId: run.searchId, runIds: missedRunIds });
  return { kind: 'update', lifecycle: missed };
}

/**
 * Whether a listing reopens the closed job: not one the user closed, nor one its source says is closed
 * (a board may still list it; the source's own status in the posting's body reopens it, see source-status.ts).
 */
function reopensWhenListed(job: JobLifecycle): boolean {
  return job.closeReason !== 'user' && job.closeReason !== 'source-says-closed';
}

function sighted(job: JobLifecycle, run: RunSighting, previous: SearchRead | undefined): LifecycleChange {
  const lastSeenAt = Date.parse(run.finishedAt) - Date.parse(job.lastSeenAt) >= LAST_SEEN_STEP_MS ? run.finishedAt : job.lastSeenAt;
  const readChanged = !previous || previous.misses > 0;
  const seen: JobLifecycle = {
    ...job,
    lastSeenAt,
    reads: { ...job.reads, [run.searchId]: { lastRunId: run.runId, misses: 0 } },
  };
  if (job.closedAt !== undefined && reopensWhenListed(job) && !isExpired(job, run.finishedAt)) {
    const { closedAt: _closedAt, closeReason: _closeReason, ...open } = seen;
    return {
      kind: 'reopen',
      lifecycle: open,
      event: {
        jobId: job.jobId,
        reopenedAt: run.finishedAt,
        closedAt: job.closedAt,
        previousCloseReason: job.closeReason ?? 'missing-from-complete-reads',
        searchId: run.searchId,
        runId: run.runId,
      },
    };
  }
  if (job.closedAt === undefined && isExpired(job, run.finishedAt)) return closed(seen, run.finishedAt, 'expired');
  if (readChanged || lastSeenAt !== job.lastSeenAt) return { kind: 'update', lifecycle: seen };
  return { kind: 'none' };
}

function expiryOnly(job: JobLifecycle, at: string): LifecycleChange {
  return job.closedAt === undefined && isExpired(job, at) ? closed(job, at, 'expired') : { kind: 'none' };
}
