import type { EventDataMap } from '@jobpipe/contracts';
import { type BlobStore, type EventHandler, type HandlerContext, PermanentError, parseRawBlobKey, TransientError } from '@jobpipe/shared';
import type { JobItem, JobsRepository } from '../adapters/jobs-repository.js';
import { lifecycleAfterRun } from '../domain/lifecycle.js';
import { applyLifecycle, type SweepOutcome } from './apply-lifecycle.js';

export type { SweepOutcome };

/** What the lifecycle sweep works with. */
export interface ScrapeFinishedDependencies {
  readonly blobs: BlobStore;
  readonly repository: JobsRepository;
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
  const sighting = (job: JobItem) => ({
    searchId: run.searchId,
    runId: run.runId,
    status,
    finishedAt: run.finishedAt,
    listed: seen?.has(listedIdOf(job)) ?? false,
  });
  return applyLifecycle(deps.repository, jobs, (job) => lifecycleAfterRun(job, sighting(job)), caused);
}

/** `scrape.finished`: the lifecycle sweep of the run's source (see {@link sweepAfterRun}). */
export function scrapeFinishedHandler(deps: ScrapeFinishedDependencies): EventHandler<'scrape.finished'> {
  return async (event, context) => {
    const outcome = await sweepAfterRun(deps, event.detail.data, context.caused);
    context.logger.info({ searchId: event.detail.data.searchId, runId: event.detail.data.runId, ...outcome }, 'lifecycle sweep done');
  };
}
