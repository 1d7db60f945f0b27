import type { NormalizedJob } from '@jobpipe/contracts';
import { type HandlerContext, type OutgoingEvent, TransientError } from '@jobpipe/shared';
import { type JobItem, type JobsRepository, lifecycleFieldsOf } from '../adapters/jobs-repository.js';
import type { ParsedPosting } from '../domain/normalize.js';
import { relistingOf } from '../domain/relisting.js';
import { lifecycleAfterSourceStatus, type StatusSighting } from '../domain/source-status.js';
import { eventsOf, itemAfter } from './apply-lifecycle.js';
import { type DuplicateLink, findDuplicate } from './duplicate-finder.js';

/** What happened to one posting. */
export type StoreOutcome = 'new' | 'updated' | 'unchanged' | 'stale';

/** Where the posting's body came from. */
export interface PostingOrigin {
  readonly fetchedAt: string;
  readonly rawBlobKey?: string;
  readonly sourceUrl?: string;
  /** The search run that fetched it, if any (named by a reopen the source's own status causes). */
  readonly searchId?: string;
  readonly runId?: string;
}

/** What storing needs: the table, the duplicate threshold, and how job.parsed carries its cause. */
export interface StoreDependencies {
  readonly repository: JobsRepository;
  readonly duplicateMinConfidence: number;
  /** Sets correlation and cause on the events (the handler's `caused`; as they are outside a handler). */
  readonly caused: HandlerContext['caused'];
}

function itemOf(posting: ParsedPosting, job: NormalizedJob, origin: PostingOrigin, link: DuplicateLink | null): JobItem {
  return {
    ...job,
    descriptionHtml: posting.descriptionHtml,
    dedupeKey: posting.dedupeKey,
    ...(posting.textFingerprint ? { textFingerprint: posting.textFingerprint } : {}),
    ...(link ? { canonicalJobId: link.jobId, duplicateConfidence: link.confidence } : {}),
    ...(origin.rawBlobKey ? { rawBlobKey: origin.rawBlobKey } : {}),
    ...(origin.sourceUrl ? { sourceUrl: origin.sourceUrl } : {}),
    fetchedAt: origin.fetchedAt,
  };
}

function publicJob(item: JobItem): NormalizedJob {
  const {
    descriptionHtml,
    dedupeKey,
    textFingerprint,
    canonicalJobId,
    duplicateConfidence,
    rawBlobKey,
    sourceUrl,
    fetchedAt,
    publishedHash,
    closedAt,
    closeReason,
    reads,
    relistOf,
    relistCount,
    ghostFlags,
    ...job
  } = item;
  return job;
}

/**
 * Stores the item with its job.parsed (and the job.closed / job.reopened of a lifecycle change) in one
 * commit; false when the stored item changed since it was read.
 */
function storeParsed(
  deps: StoreDependencies,
  item: JobItem,
  change: 'new' | 'updated',
  expectedHash: string | undefined,
  lifecycleEvents: readonly OutgoingEvent[] = [],
): Promise<boolean> {
  const duplicateOf = item.canonicalJobId ? { jobId: item.canonicalJobId, confidence: item.duplicateConfidence ?? 0 } : null;
  const events = deps.caused([{ detailType: 'job.parsed', data: { job: publicJob(item), change, duplicateOf } }, ...lifecycleEvents]);
  return deps.repository.storeAnnounced(item, expectedHash, events);
}

/**
 * Upserts one posting, with job.parsed in the same commit when its content is new or changed. The write is
 * conditional on the content hash read before it, so at-least-once delivery and concurrent consumers
 * never store a posting twice or lose first-seen; the same content again writes and publishes nothing.
 */
export function storePosting(deps: StoreDependencies, posting: ParsedPosting, origin: PostingOrigin): Promise<StoreOutcome> {
  const turn = { jobId: posting.job.jobId, dedupeKey: posting.dedupeKey, textFingerprint: posting.textFingerprint };
  return deps.repository.inTurn(turn, () => storeOnce(deps, posting, origin));
}

/**
 * What storing the posting does to the stored item, decided without writing: the same content is
 * unchanged, a body fetched before the stored one is stale, else the posting is new or an update.
 * `jobpipe reparse --dry-run` reports this without storing.
 */
export function outcomeOf(existing: JobItem | undefined, posting: ParsedPosting, origin: PostingOrigin): StoreOutcome {
  if (existing && existing.contentHash === posting.job.contentHash) return 'unchanged';
  if (existing && existing.fetchedAt > origin.fetchedAt) return 'stale';
  return existing ? 'updated' : 'new';
}

function statusSighting(posting: ParsedPosting, origin: PostingOrigin): StatusSighting {
  return { status: posting.sourceStatus, fetchedAt: origin.fetchedAt, searchId: origin.searchId, runId: origin.runId };
}

function conflict(jobId: string): TransientError {
  return new TransientError('JOB_WRITE_CONFLICT', `job ${jobId} changed while it was being stored; retrying`);
}

/**
 * The same content again: announced now if it was stored before its job.parsed was committed (once, by
 * the condition), and closed or reopened if the source's own status of it changed, with the event in the
 * same commit.
 */
async function storeUnchanged(deps: StoreDependencies, existing: JobItem, posting: ParsedPosting, origin: PostingOrigin): Promise<void> {
  const status = lifecycleAfterSourceStatus(existing, statusSighting(posting, origin));
  const events = eventsOf(status);
  const item = itemAfter(existing, status);
  if (existing.publishedHash !== existing.contentHash) {
    const change = existing.firstSeenAt === existing.lastSeenAt ? 'new' : 'updated';
    if (!(await storeParsed(deps, item, change, existing.contentHash, events)) && events.length > 0) throw conflict(existing.jobId);
  } else if (events.length > 0 && !(await deps.repository.storeLifecycle(item, deps.caused(events)))) {
    throw conflict(existing.jobId);
  }
}

async function storeOnce(deps: StoreDependencies, posting: ParsedPosting, origin: PostingOrigin): Promise<StoreOutcome> {
  const existing = await deps.repository.get(posting.job.jobId);
  const outcome = outcomeOf(existing, posting, origin);
  // A body fetched before the stored one says nothing of the posting now, its status neither.
  if (outcome === 'stale') return outcome;
  if (outcome === 'unchanged') {
    await storeUnchanged(deps, existing as JobItem, posting, origin);
    return outcome;
  }
  // Jobs of the same company/title/place, read once for both the duplicate link and the relisting.
  const sameKey = existing?.canonicalJobId ? [] : await deps.repository.sameDedupeKey(posting.dedupeKey);
  const link = existing?.canonicalJobId
    ? { jobId: existing.canonicalJobId, confidence: existing.duplicateConfidence ?? 0 }
    : await findDuplicate(deps.repository, posting, sameKey, deps.duplicateMinConfidence);
  // A new id listing an earlier posting again is linked to it, and its age counts from that one's first sighting.
  const relisting = existing ? null : relistingOf(posting.job, sameKey);
  const firstSeen = [posting.job.firstSeenAt, existing?.firstSeenAt, relisting?.firstSeenAt].filter((at): at is string => at !== undefined);
  const firstSeenAt = firstSeen.sort()[0]!;
  const job: NormalizedJob = { ...posting.job, firstSeenAt, lastSeenAt: origin.fetchedAt };
  // A new version of the content keeps the job's lifecycle: the sweep closes and reopens it, and so does
  // the source's own status of the posting (below).
  const relisted = relisting ? { relistOf: relisting.relistOf, relistCount: relisting.relistCount } : {};
  const stored = { ...itemOf(posting, job, origin, link), ...lifecycleFieldsOf(existing), ...relisted };
  // The source's own status closes or reopens the job in the same commit as its content.
  const status = lifecycleAfterSourceStatus(stored, statusSighting(posting, origin));
  if (!(await storeParsed(deps, itemAfter(stored, status), outcome, existing?.contentHash, eventsOf(status)))) throw conflict(job.jobId);
  return outcome;
}
