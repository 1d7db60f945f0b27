import type { JobItem } from '@jobpipe/contracts';
import type { JobsRepository } from '../adapters/jobs-repository.js';
import { type DuplicateEvidence, duplicateConfidence, textSimilarity } from '../domain/dedupe.js';
import type { ParsedPosting } from '../domain/normalize.js';

/** The canonical job a posting duplicates, and how sure the link is. */
export interface DuplicateLink {
  readonly jobId: string;
  readonly confidence: number;
}

function earliest(items: readonly JobItem[]): JobItem | undefined {
  return [...items].sort((a, b) => a.firstSeenAt.localeCompare(b.firstSeenAt) || a.jobId.localeCompare(b.jobId))[0];
}

/**
 * Finds the canonical job a new posting duplicates: another job with the same company/title/place key
 * (`sameDedupeKey`, read by the caller, which needs them for relistings too), or with the same
 * description text. The link goes to the earliest-seen job's canonical job, so every copy points at one
 * job; null when nothing matches well enough.
 */
export async function findDuplicate(
  repository: JobsRepository,
  posting: ParsedPosting,
  sameDedupeKey: readonly JobItem[],
  minConfidence: number,
): Promise<DuplicateLink | null> {
  const others = (items: readonly JobItem[]) => items.filter((item) => item.jobId !== posting.job.jobId);
  const candidates: [DuplicateEvidence, JobItem[]][] = [['dedupe-key', others(sameDedupeKey)]];
  if (posting.textFingerprint) candidates.push(['text-fingerprint', others(await repository.sameTextFingerprint(posting.textFingerprint))]);
  let best: DuplicateLink | null = null;
  for (const [evidence, items] of candidates) {
    const first = earliest(items);
    if (!first) continue;
    const confidence = duplicateConfidence(evidence, textSimilarity(posting.job.descriptionText, first.descriptionText));
    const canonical = first.canonicalJobId ?? first.jobId;
    // A canonical job updated later finds its own copies: it stays canonical.
    if (canonical === posting.job.jobId) continue;
    if (confidence >= minConfidence && (!best || confidence > best.confidence)) best = { jobId: canonical, confidence };
  }
  return best;
}
