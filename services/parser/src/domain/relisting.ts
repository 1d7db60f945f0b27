import { textSimilarity } from './dedupe.js';

/** What a relisting is compared on: an earlier posting of the same source, company, title and place. */
export interface RelistCandidate {
  readonly jobId: string;
  readonly source: string;
  readonly firstSeenAt: string;
  readonly descriptionText: string;
  readonly relistOf?: string;
  readonly relistCount?: number;
}

/** The earlier posting a new one relists: the first of its chain, how many came before, and since when it is up. */
export interface Relisting {
  readonly relistOf: string;
  readonly relistCount: number;
  readonly firstSeenAt: string;
}

/**
 * How alike two descriptions must be (Jaccard of word 3-shingles) for a new id to be the same posting
 * listed again. Employers repost the text they have, editing a date or a line: on a 30-word text one
 * changed word and an added sentence already bring the measure to about 0.7, and the candidates share
 * the source, company, title and place, so 0.7 with them is near-identical, not merely similar.
 */
export const RELIST_MIN_SIMILARITY = 0.7;

/**
 * Whether a new posting relists an earlier one: another job of the same source with the same
 * normalized company, title and place (the candidates share its dedupe key), seen before it, whose
 * description is near-identical. It links to the first posting of the chain; its age counts from that
 * posting's first sighting; the count says how many times the job was listed before.
 */
export function relistingOf(
  posting: { readonly jobId: string; readonly source: string; readonly firstSeenAt: string; readonly descriptionText: string },
  candidates: readonly RelistCandidate[],
): Relisting | null {
  const earlier = candidates.filter(
    (candidate) =>
      candidate.jobId !== posting.jobId &&
      candidate.source === posting.source &&
      candidate.firstSeenAt <= posting.firstSeenAt &&
      textSimilarity(candidate.descriptionText, posting.descriptionText) >= RELIST_MIN_SIMILARITY,
  );
  if (earlier.length === 0) return null;
  const first = [...earlier].sort((a, b) => a.firstSeenAt.localeCompare(b.firstSeenAt) || a.jobId.localeCompare(b.jobId))[0]!;
  return {
    relistOf: first.relistOf ?? first.jobId,
    relistCount: Math.max(...earlier.map((candidate) => candidate.relistCount ?? 0)) + 1,
    firstSeenAt: first.firstSeenAt,
  };
}
