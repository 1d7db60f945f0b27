import type { NormalizedJob } from '@jobpipe/contracts';
import { type HandlerContext, TransientError } from '@jobpipe/shared';
import type { JobItem, JobsRepository } from '../adapters/jobs-repository.js';
import type { ParsedPosting } from '../domain/normalize.js';
import { type DuplicateLink, findDuplicate } from './duplicate-finder.js';

/** What happened to one posting. */
export type StoreOutcome = 'new' | 'updated' | 'unchanged' | 'stale';

/** Where the posting's body came from. */
export interface PostingOrigin {
  readonly fetchedAt: string;
  readonly rawBlobKey?: string;
  readonly sourceUrl?: string;
}

/** What storing needs: the table, the duplicate threshold, and a way to publish job.parsed. */
export interface StoreDependencies {
  readonly repository: JobsRepository;
  readonly duplicateMinConfidence: number;
  readonly publish: HandlerContext['publish'];
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
    ...job
  } = item;
  return job;
}

async function publishParsed(deps: StoreDependencies, item: JobItem, change: 'new' | 'updated'): Promise<void> {
  const duplicateOf = item.canonicalJobId ? { jobId: item.canonicalJobId, confidence: item.duplicateConfidence ?? 0 } : null;
  await deps.publish([{ detailType: 'job.parsed', data: { job: publicJob(item), change, duplicateOf } }]);
  // Remember the publish so a redelivery of the same content publishes nothing; losing this write only
  // means one more (idempotent) job.parsed on redelivery.
  await deps.repository.putIfUnchanged({ ...item, publishedHash: item.contentHash }, item.contentHash);
}

/**
 * Upserts one posting and publishes job.parsed when its content is new or changed. The write is
 * conditional on the content hash read before it, so at-least-once delivery and concurrent consumers
 * never store a posting twice or lose first-seen; the same content again writes and publishes nothing.
 */
export function storePosting(deps: StoreDependencies, posting: ParsedPosting, origin: PostingOrigin): Promise<StoreOutcome> {
  const turn = { jobId: posting.job.jobId, dedupeKey: posting.dedupeKey, textFingerprint: posting.textFingerprint };
  return deps.repository.inTurn(turn, () => storeOnce(deps, posting, origin));
}

async function storeOnce(deps: StoreDependencies, posting: ParsedPosting, origin: PostingOrigin): Promise<StoreOutcome> {
  const existing = await deps.repository.get(posting.job.jobId);
  if (existing && existing.contentHash === posting.job.contentHash) {
    if (existing.publishedHash === existing.contentHash) return 'unchanged';
    await publishParsed(deps, existing, existing.firstSeenAt === existing.lastSeenAt ? 'new' : 'updated');
    return 'unchanged';
  }
  if (existing && existing.fetchedAt > origin.fetchedAt) return 'stale';
  const link = existing?.canonicalJobId
    ? { jobId: existing.canonicalJobId, confidence: existing.duplicateConfidence ?? 0 }
    : await findDuplicate(deps.repository, posting, deps.duplicateMinConfidence);
  const firstSeenAt = existing && existing.firstSeenAt < posting.job.firstSeenAt ? existing.firstSeenAt : posting.job.firstSeenAt;
  const job: NormalizedJob = { ...posting.job, firstSeenAt, lastSeenAt: origin.fetchedAt };
  const item = itemOf(posting, job, origin, link);
  if (!(await deps.repository.putIfUnchanged(item, existing?.contentHash))) {
    throw new TransientError('JOB_WRITE_CONFLICT', `job ${job.jobId} changed while it was being stored; retrying`);
  }
  await publishParsed(deps, item, existing ? 'updated' : 'new');
  return existing ? 'updated' : 'new';
}
