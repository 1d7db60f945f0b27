import type { GhostFlag, GhostFlagKind } from '@jobpipe/contracts';

const DAY_MS = 86_400_000;

/** What the ghost-risk criteria read of one job. */
export interface GhostRiskJob {
  readonly jobId: string;
  readonly firstSeenAt: string;
  readonly closedAt?: string;
  readonly relistOf?: string;
  readonly relistCount?: number;
  readonly salary: unknown;
  readonly descriptionText: string;
  readonly ghostFlags?: readonly GhostFlag[];
}

/** What the source's other jobs say: how long its postings usually stay up, which listings are open. */
export interface SourceOpenTimes {
  /** Days from first sighting to close within which 90 % of the source's closed postings closed. */
  readonly usualOpenDays: number;
  /** How many closed postings that figure comes from (0: the default is used). */
  readonly closedCount: number;
}

/** Closed postings a source needs before its own time to close is used instead of the default. */
export const MIN_CLOSED_FOR_SOURCE_FIGURE = 20;
/** Without enough closures of its source, a posting up longer than this is flagged (two months). */
export const DEFAULT_USUAL_OPEN_DAYS = 60;
/** Never flagged as open too long before this: a source whose postings close within days is not evidence that a month is long. */
export const MIN_USUAL_OPEN_DAYS = 30;
/** Listings of the same job (the first and its relistings) from which it is flagged as relisted repeatedly. */
export const RELISTS_TO_FLAG = 2;

/** Wording of postings that collect applications with no opening behind them (talent pools, evergreen ads). */
const EVERGREEN_WORDING =
  /\b(always (?:looking|hiring|interested)|talent (?:pool|community|network|pipeline)|future (?:opportunities|openings|vacancies|roles)|evergreen|general application|expressions? of interest|speculative applications?|pipeline of (?:candidates|talent))\b/i;

/** A source's usual time to close: the 90th percentile of its closed postings' days open, or the default. */
export function usualOpenDaysOf(closedDaysOpen: readonly number[]): SourceOpenTimes {
  if (closedDaysOpen.length < MIN_CLOSED_FOR_SOURCE_FIGURE)
    return { usualOpenDays: DEFAULT_USUAL_OPEN_DAYS, closedCount: closedDaysOpen.length };
  const sorted = [...closedDaysOpen].sort((a, b) => a - b);
  const p90 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)]!;
  return { usualOpenDays: Math.max(MIN_USUAL_OPEN_DAYS, Math.ceil(p90)), closedCount: sorted.length };
}

/** Days a posting was up: from its first sighting to its close (or to `at`). */
export const daysOpen = (firstSeenAt: string, until: string): number => (Date.parse(until) - Date.parse(firstSeenAt)) / DAY_MS;

/**
 * The ghost-risk flags of an open job at `at`, each a named criterion that fired with the figures that
 * made it fire (docs/lifecycle.md defends each): open long past its source's usual time to close;
 * listed three times or more; reposted under a new id while an earlier listing is still up; no salary
 * and wording that collects applications rather than filling a role. A flag keeps the time it first
 * fired (`since`). A flag is a reason shown beside the job, never a verdict that hides it.
 */
export function ghostFlagsOf(job: GhostRiskJob, at: string, source: SourceOpenTimes, earlierListingOpen: string | null): GhostFlag[] {
  const flags: { kind: GhostFlagKind; detail: string }[] = [];
  if (daysOpen(job.firstSeenAt, at) > source.usualOpenDays) {
    const usual =
      source.closedCount >= MIN_CLOSED_FOR_SOURCE_FIGURE
        ? `90 % of this source's ${source.closedCount} closed postings closed within ${source.usualOpenDays} days`
        : `more than ${source.usualOpenDays} days`;
    flags.push({ kind: 'open-past-usual-close', detail: `up since ${job.firstSeenAt.slice(0, 10)}; ${usual}` });
  }
  const listings = (job.relistCount ?? 0) + 1;
  if (listings > RELISTS_TO_FLAG) flags.push({ kind: 'relisted-repeatedly', detail: `listed ${listings} times under new ids` });
  if (earlierListingOpen) flags.push({ kind: 'reposted-while-open', detail: `reposted while ${earlierListingOpen} is still open` });
  const evergreen = job.salary === null || job.salary === undefined ? EVERGREEN_WORDING.exec(job.descriptionText) : null;
  if (evergreen) flags.push({ kind: 'evergreen-no-salary', detail: `no salary, and the text says "${evergreen[0]}"` });
  const sinceOf = new Map((job.ghostFlags ?? []).map((flag) => [flag.kind, flag.since]));
  return flags.map((flag) => ({ ...flag, since: sinceOf.get(flag.kind) ?? at }));
}

/**
 * Whether two flag sets name the same criteria: only a criterion firing or ceasing is worth a write and
 * an event (a source's usual time to close moves a little with every closure; its figure in a flag's
 * detail is the one of the day the flag fired).
 */
export function sameGhostFlags(a: readonly GhostFlag[] | undefined, b: readonly GhostFlag[]): boolean {
  const kinds = (flags: readonly GhostFlag[]) =>
    flags
      .map((flag) => flag.kind)
      .sort()
      .join('|');
  return kinds(a ?? []) === kinds(b);
}
