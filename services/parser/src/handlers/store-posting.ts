import type { NormalizedJob } from '@jobpipe/contracts';
import { type HandlerContext, TransientError } from '@jobpipe/shared';
import { type JobItem, type JobsRepository, lifecycleFieldsOf } from '../adapters/jobs-repository.js';
import type { ParsedPosting } from '../domain/normalize.js';
import { relistingOf } from '../domain/relisting.js';
import { type DuplicateLink, findDuplicate } from './duplicate-finder.js';

/** What happened to one posting. */
export type StoreOutcome = 'new' | 'updated' | 'unchanged' | 'stale';

/** Where the posting's body came from. */
export interface PostingOrigin {
  readonly fetchedAt: string;
  readonly rawBlobKey?: string;
  readonly sourceUrl?: string;
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

/** Stores the item with its job.parsed in one commit; false when the stored item changed since it was read. */
function storeParsed(
  deps: StoreDependencies,
  item: JobItem,
  change: 'new' | 'updated',
  expectedHash: string | undefined,
): Promise<boolean> {
  const duplicateOf = item.canonicalJobId ? { jobId: item.canonicalJobId, confidence: item.duplicateConfidence ?? 0 } : null;
  const events = deps.caused([{ detailType: 'job.parsed', data: { job: publicJob(item), change, duplicateOf } }]);
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

async function storeOnce(deps: StoreDependencies, posting: ParsedPosting, origin: PostingOrigin): Promise<StoreOutcome> {
  const existing = await deps.repository.get(posting.job.jobId);
  const outcome = outcomeOf(existing, posting, origin);
  if (outcome === 'unchanged' || outcome === 'stale') {
    // Stored before job.parsed was committed with the job: announce it now (once, by the condition).
    if (outcome === 'unchanged' && existing && existing.publishedHash !== existing.contentHash)
      await storeParsed(deps, existing, existing.firstSeenAt === existing.lastSeenAt ? 'new' : 'updated', existing.contentHash);
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
  // A new version of the content keeps the job's lifecycle: only the sweep closes and reopens it.
  const relisted = relisting ? { relistOf: relisting.relistOf, relistCount: relisting.relistCount } : {};
  const item = { ...itemOf(posting, job, origin, link), ...lifecycleFieldsOf(existing), ...relisted };
  if (!(await storeParsed(deps, item, outcome, existing?.contentHash))) {
    throw new TransientError('JOB_WRITE_CONFLICT', `job ${job.jobId} changed while it was being stored; retrying`);
  }
  return outcome;
}
