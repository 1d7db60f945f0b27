/**
 * Penalties: a stale posting, or one a ghost-risk criterion fires for, keeps its score's reasons and
 * loses points, with a reason that says why (`−5 stale: up 52 days since first seen`, `−10 ghost risk:
 * listed 3 times under new ids`). A penalty lowers a job in the list; it never removes it.
 */
import type { GhostFlag, GhostFlagKind } from '@jobpipe/contracts';
import { MAX_REASONS, type PostingScore } from './blend.js';
import { pointsReason, type Reason } from './reasons.js';

const DAY_MS = 86_400_000;

/** A posting up longer than this since its first sighting is stale (job boards mark "30+ days ago" for a reason). */
export const STALE_AFTER_DAYS = 30;
/** Points a stale posting loses. */
export const STALE_POINTS = -5;
/**
 * Points each ghost-risk criterion costs: a posting reposted while its earlier copy is up costs least
 * (an employer's clumsy refresh is common), one that collects applications for no opening costs most.
 */
export const GHOST_RISK_POINTS: Readonly<Record<GhostFlagKind, number>> = {
  'open-past-usual-close': -10,
  'relisted-repeatedly': -10,
  'reposted-while-open': -5,
  'evergreen-no-salary': -15,
};

/** What the penalties read of a posting's lifecycle. */
export interface PostingLifecycle {
  readonly firstSeenAt?: string;
  readonly ghostFlags?: readonly Pick<GhostFlag, 'kind' | 'detail' | 'since'>[];
  /** The flags the user dismissed (a flag is its criterion and when it first fired): they cost nothing. */
  readonly flagDismissals?: readonly Pick<GhostFlag, 'kind' | 'since'>[];
}

/** The flags that cost points: those the user did not dismiss. */
function chargedFlags(posting: PostingLifecycle): Pick<GhostFlag, 'kind' | 'detail'>[] {
  const dismissed = posting.flagDismissals ?? [];
  return (posting.ghostFlags ?? []).filter((flag) => !dismissed.some((d) => d.kind === flag.kind && d.since === flag.since));
}

/** The penalty reasons of a posting at `at`: stale, and one per ghost-risk criterion that fires and was not dismissed. */
export function penaltyReasons(posting: PostingLifecycle, at: string): Reason[] {
  const reasons: Reason[] = [];
  const days = posting.firstSeenAt ? Math.floor((Date.parse(at) - Date.parse(posting.firstSeenAt)) / DAY_MS) : 0;
  if (days > STALE_AFTER_DAYS) reasons.push(pointsReason('stale', STALE_POINTS, `stale: up ${days} days since first seen`));
  for (const flag of chargedFlags(posting)) {
    reasons.push(pointsReason('ghost-risk', GHOST_RISK_POINTS[flag.kind], `ghost risk: ${flag.detail}`));
  }
  return reasons;
}

/**
 * What of the penalties a score depends on, for the score's inputs key: whether the posting is stale
 * and which criteria fire (not the day count, so a stale posting is not rescored every day).
 */
export function penaltyInputs(posting: PostingLifecycle, at: string): string {
  const stale = penaltyReasons({ ...posting, ghostFlags: [] }, at).length > 0;
  const kinds = chargedFlags(posting)
    .map((flag) => flag.kind)
    .sort();
  return [stale ? 'stale' : 'fresh', ...kinds].join(',');
}

/** The score with its penalties taken off (never under 0), the penalty reasons first. */
export function withPenalties(result: PostingScore, penalties: readonly Reason[]): PostingScore {
  if (penalties.length === 0) return result;
  const lost = penalties.reduce((sum, reason) => sum + reason.points, 0);
  return { ...result, score: Math.max(0, result.score + lost), reasons: [...penalties, ...result.reasons].slice(0, MAX_REASONS) };
}
