import type { EventDataMap } from '@jobpipe/contracts';
import {
  type BlobStore,
  type EventHandler,
  type HandlerContext,
  type OutgoingEvent,
  PermanentError,
  parseRawBlobKey,
  TransientError,
} from '@jobpipe/shared';
import type { JobItem, JobsRepository } from '../adapters/jobs-repository.js';
import { type LifecycleChange, lifecycleAfterRun } from '../domain/lifecycle.js';

/** What the lifecycle sweep works with. */
export interface ScrapeFinishedDependencies {
  readonly blobs: BlobStore;
  readonly repository: JobsRepository;
}

/** What a sweep changed. */
export interface SweepOutcome {
  readonly jobs: number;
  readonly closed: number;
  readonly reopened: number;
  readonly updated: number;
}

/**
 * The id a scrape run lists a job under: the external id of the raw body it was parsed from (a page
 * holding several postings lists them under the page's id), else its own external id.
 */
export function listedIdOf(job: JobItem): string {
  if (job.rawBlobKey) {
    try {
      return parseRawBlobKey(job.rawBlobKey).externalId;
    } catch {
      // An unreadable key (stored by hand) falls back to the job's own id.
    }
  }
  return job.externalId;
}

async function seenIdsOf(blobs: BlobStore, key: string): Promise<Set<string>> {
  const body = await blobs.get(key);
  if (!body) throw new TransientError('SEEN_IDS_MISSING', `the ids the run listed ('${key}') are not in the blob store (yet)`);
  let ids: unknown;
  try {
    ids = JSON.parse(body.toString('utf8'));
  } catch {
    throw new PermanentError('SEEN_IDS_INVALID', `'${key}' is not JSON`);
  }
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string'))
    throw new PermanentError('SEEN_IDS_INVALID', `'${key}' is not a JSON array of external ids`);
  return new Set(ids);
}

function eventsOf(change: LifecycleChange): OutgoingEvent[] {
  if (change.kind === 'close') return [{ detailType: 'job.closed', data: change.event }];
  if (change.kind === 'reopen') return [{ detailType: 'job.reopened', data: change.event }];
  return [];
}

/**
 * The lifecycle sweep over every job of the run's source. The parser owns the jobs, so it runs here:
 * each job's change is decided by {@link lifecycleAfterRun} and written with its `job.closed` /
 * `job.reopened` in one commit. A job written meanwhile by a new version of its content is decided
 * again on redelivery (each search counts a run once per job, so a redelivery changes nothing twice).
 */
export async function sweepAfterRun(
  deps: ScrapeFinishedDependencies,
  run: EventDataMap['scrape.finished'],
  caused: HandlerContext['caused'],
): Promise<SweepOutcome> {
  if (run.status === 'failed') return { jobs: 0, closed: 0, reopened: 0, updated: 0 };
  // A run that could not say which postings it listed (a list answered 304 before its ids were kept)
  // may still expire jobs, but proves nothing about what it missed: it counts as a partial read.
  const seen = run.seenBlobKey ? await seenIdsOf(deps.blobs, run.seenBlobKey) : undefined;
  const status = seen ? run.status : 'partial';
  const jobs = await deps.repository.ofSource(run.source);
  const counts = { jobs: jobs.length, closed: 0, reopened: 0, updated: 0 };
  let conflicts = 0;
  const sighting = (job: JobItem) => ({
    searchId: run.searchId,
    runId: run.runId,
    status,
    finishedAt: run.finishedAt,
    listed: seen?.has(listedIdOf(job)) ?? false,
  });
  for (const job of jobs) {
    if (lifecycleAfterRun(job, sighting(job)).kind === 'none') continue;
    // Decided again on the job as it is now, in turn with any new version of it being stored.
    const turn = { jobId: job.jobId, dedupeKey: job.dedupeKey, textFingerprint: job.textFingerprint ?? null };
    const outcome = await deps.repository.inTurn(turn, async () => {
      const current = await deps.repository.get(job.jobId);
      if (!current) return 'none';
      const change = lifecycleAfterRun(current, sighting(current));
      if (change.kind === 'none') return 'none';
      const { closedAt: _closedAt, closeReason: _closeReason, ...open } = current;
      const item = { ...(change.kind === 'reopen' ? open : current), ...change.lifecycle } as JobItem;
      return (await deps.repository.storeLifecycle(item, caused(eventsOf(change)))) ? change.kind : 'conflict';
    });
    if (outcome === 'conflict') conflicts++;
    else if (outcome === 'close') counts.closed++;
    else if (outcome === 'reopen') counts.reopened++;
    else if (outcome === 'update') counts.updated++;
  }
  if (conflicts > 0)
    throw new TransientError('JOB_WRITE_CONFLICT', `${conflicts} job(s) changed during the lifecycle sweep; sweeping again`);
  return counts;
}

/** `scrape.finished`: the lifecycle sweep of the run's source (see {@link sweepAfterRun}). */
export function scrapeFinishedHandler(deps: ScrapeFinishedDependencies): EventHandler<'scrape.finished'> {
  return async (event, context) => {
    const outcome = await sweepAfterRun(deps, event.detail.data, context.caused);
    context.logger.info({ searchId: event.detail.data.searchId, runId: event.detail.data.runId, ...outcome }, 'lifecycle sweep done');
  };
}
