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
import { daysOpen, ghostFlagsOf, type SourceOpenTimes, sameGhostFlags, usualOpenDaysOf } from '../domain/ghost-risk.js';
import { type LifecycleChange, lifecycleAfterRun } from '../domain/lifecycle.js';
import { eventsOf } from './apply-lifecycle.js';

/** Jobs of a sweep decided and written at once. */
const SWEEP_CHUNK = 50;

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
  /** Jobs whose ghost-risk flags changed (a criterion fired or ceased). */
  readonly flagged: number;
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

/** How long the source's postings stay up, from its jobs closed by the source's own evidence (not by the user). */
function openTimesOf(jobs: readonly JobItem[]): SourceOpenTimes {
  const closedDaysOpen: number[] = [];
  for (const job of jobs) {
    if (job.closedAt !== undefined && job.closeReason !== 'user') closedDaysOpen.push(daysOpen(job.firstSeenAt, job.closedAt));
  }
  return usualOpenDaysOf(closedDaysOpen);
}

/** For each relisting chain (its first posting's id), the open listings and their place in the chain. */
function openListingsOf(jobs: readonly JobItem[]): Map<string, { jobId: string; listing: number }[]> {
  const chains = new Map<string, { jobId: string; listing: number }[]>();
  for (const job of jobs) {
    if (job.closedAt !== undefined) continue;
    const chain = job.relistOf ?? job.jobId;
    const listings = chains.get(chain) ?? [];
    listings.push({ jobId: job.jobId, listing: job.relistCount ?? 0 });
    chains.set(chain, listings);
  }
  return chains;
}

/** An earlier listing of the job's relisting chain that is still open, if the job is a relisting. */
function earlierOpenListing(job: JobItem, openListings: Map<string, { jobId: string; listing: number }[]>): string | null {
  if (job.relistOf === undefined) return null;
  const listing = job.relistCount ?? 1;
  return openListings.get(job.relistOf)?.find((other) => other.jobId !== job.jobId && other.listing < listing)?.jobId ?? null;
}

/** The job after a run: its lifecycle change applied, and its ghost-risk flags decided again while it is open. */
function afterRun(
  job: JobItem,
  change: LifecycleChange,
  at: string,
  flagsOf: (job: JobItem) => NonNullable<JobItem['ghostFlags']>,
): { item: JobItem; events: OutgoingEvent[]; flagsChanged: boolean } {
  const { closedAt: _closedAt, closeReason: _closeReason, ghostFlags: _ghostFlags, ...open } = job;
  const base = change.kind === 'none' ? job : ({ ...(change.kind === 'reopen' ? open : job), ...change.lifecycle } as JobItem);
  if (base.closedAt !== undefined) return { item: base, events: eventsOf(change), flagsChanged: false };
  const flags = flagsOf(base);
  const flagsChanged = !sameGhostFlags(job.ghostFlags, flags);
  const { ghostFlags: _previous, ...unflagged } = base;
  const item: JobItem = flags.length > 0 ? { ...unflagged, ghostFlags: flags } : unflagged;
  const flaggedEvent: OutgoingEvent[] = flagsChanged
    ? [{ detailType: 'job.flagged', data: { jobId: job.jobId, flaggedAt: at, flags } }]
    : [];
  return { item, events: [...eventsOf(change), ...flaggedEvent], flagsChanged };
}

/**
 * The lifecycle sweep over every job of the run's source. The parser owns the jobs, so it runs here:
 * each job's change is decided by {@link lifecycleAfterRun}, its ghost-risk flags by {@link ghostFlagsOf}
 * (against the source's usual time to close and its open listings, as read at the start of the sweep),
 * and both are written with their `job.closed` / `job.reopened` / `job.flagged` in one commit. A job
 * written meanwhile by a new version of its content is decided again on redelivery (each search counts a
 * run once per job, and unchanged flags are not written, so a redelivery changes nothing twice).
 */
export async function sweepAfterRun(
  deps: ScrapeFinishedDependencies,
  run: EventDataMap['scrape.finished'],
  caused: HandlerContext['caused'],
): Promise<SweepOutcome> {
  if (run.status === 'failed') return { jobs: 0, closed: 0, reopened: 0, updated: 0, flagged: 0 };
  // A run that could not say which postings it listed (a list answered 304 before its ids were kept)
  // may still expire jobs, but proves nothing about what it missed: it counts as a partial read.
  const seen = run.seenBlobKey ? await seenIdsOf(deps.blobs, run.seenBlobKey) : undefined;
  const status = seen ? run.status : 'partial';
  const jobs = await deps.repository.ofSource(run.source);
  const openTimes = openTimesOf(jobs);
  const openListings = openListingsOf(jobs);
  const flagsOf = (job: JobItem) => ghostFlagsOf(job, run.finishedAt, openTimes, earlierOpenListing(job, openListings));
  const counts = { jobs: jobs.length, closed: 0, reopened: 0, updated: 0, flagged: 0 };
  let conflicts = 0;
  const sighting = (job: JobItem) => ({
    searchId: run.searchId,
    runId: run.runId,
    status,
    finishedAt: run.finishedAt,
    listed: seen?.has(listedIdOf(job)) ?? false,
  });
  const swept = jobs.filter((job) => {
    const planned = lifecycleAfterRun(job, sighting(job));
    return planned.kind !== 'none' || (job.closedAt === undefined && !sameGhostFlags(job.ghostFlags, flagsOf(job)));
  });
  const sweepJob = (job: JobItem) =>
    // Decided again on the job as it is now, in turn with any new version of it being stored.
    deps.repository.inTurn({ jobId: job.jobId, dedupeKey: job.dedupeKey, textFingerprint: job.textFingerprint ?? null }, async () => {
      const current = await deps.repository.get(job.jobId);
      if (!current) return { change: 'none' as const, flagged: false };
      const change = lifecycleAfterRun(current, sighting(current));
      const next = afterRun(current, change, run.finishedAt, flagsOf);
      if (change.kind === 'none' && !next.flagsChanged) return { change: 'none' as const, flagged: false };
      const stored = await deps.repository.storeLifecycle(next.item, caused(next.events));
      return stored ? { change: change.kind, flagged: next.flagsChanged } : { change: 'conflict' as const, flagged: false };
    });
  // Jobs are swept SWEEP_CHUNK at a time, so their commits can share a transaction (as a received
  // batch's do) instead of taking the write lock once per job.
  const outcomes: Awaited<ReturnType<typeof sweepJob>>[] = [];
  for (let start = 0; start < swept.length; start += SWEEP_CHUNK) {
    for (const result of await Promise.allSettled(swept.slice(start, start + SWEEP_CHUNK).map(sweepJob))) {
      if (result.status === 'rejected') throw result.reason;
      outcomes.push(result.value);
    }
  }
  for (const outcome of outcomes) {
    if (outcome.flagged) counts.flagged++;
    if (outcome.change === 'conflict') conflicts++;
    else if (outcome.change === 'close') counts.closed++;
    else if (outcome.change === 'reopen') counts.reopened++;
    else if (outcome.change === 'update') counts.updated++;
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
