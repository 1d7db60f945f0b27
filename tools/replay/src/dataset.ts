import { SCRAPE_SOURCES } from '@jobpipe/contracts';
import { IdentityPool } from './identity-pool.js';
import { startOfUtcDay } from './replay-calendar.js';
import type { SourceName } from './scrape-request.js';
import { SeededRandom } from './seeded-random.js';
import { REPLAY_SOURCES } from './sources/registry.js';
import type { ReplayPosting, ServedSource, WorkdayLargeBoard } from './sources/replay-source.js';

export type { ReplayPosting } from './sources/replay-source.js';

/** Everything the replay serves: each source in its real format, and every posting with whether it is broken. */
export interface ReplayDataset {
  readonly sources: ReadonlyMap<SourceName, ServedSource>;
  readonly postings: ReplayPosting[];
}

/** How much to generate. */
export interface DatasetOptions {
  /** Generated postings across all sources, on top of the recorded ones. */
  readonly postings: number;
  /** How many of the generated postings are deliberately broken (spread over the sources). */
  readonly broken?: number;
  /** Serve the recorded real samples too (default true). */
  readonly includeRecordings?: boolean;
  readonly seed?: number;
  /**
   * The day the replay serves (default: the current UTC day): generated postings are posted and close
   * relative to it and recordings are moved to it, so a seed gives the same board on any day, shifted.
   */
  readonly today?: Date;
  /** The USAJOBS key the replay accepts. */
  readonly usajobsKey: string;
  /** Workday boards of many postings, to show the 2,000-result cap (none by default). */
  readonly workdayLargeBoards?: readonly WorkdayLargeBoard[];
  /**
   * The boards a stack's searches name, per source (see `boardsOfSearches`): each source's generated
   * postings go onto them, so a stack configured with those searches reads everything served. A source
   * without any goes on serving generated companies' boards.
   */
  readonly boards?: SearchBoards;
}

/** Board names per source, as a stack's searches name them. */
export type SearchBoards = Readonly<Partial<Record<SourceName, readonly string[]>>>;

/** The boards `searches` name, per source, each once, in the order named. */
export function boardsOfSearches(searches: readonly { readonly source: string; readonly boards?: readonly string[] }[]): SearchBoards {
  const boards: Partial<Record<SourceName, string[]>> = {};
  for (const search of searches) {
    if (!search.boards?.length || !(SCRAPE_SOURCES as readonly string[]).includes(search.source)) continue;
    const named = boards[search.source as SourceName] ?? [];
    for (const board of search.boards) if (!named.includes(board)) named.push(board);
    boards[search.source as SourceName] = named;
  }
  return boards;
}

/** Splits `total` over the sources, the remainder going to the first ones. */
function share(total: number): Map<SourceName, number> {
  const n = SCRAPE_SOURCES.length;
  return new Map(SCRAPE_SOURCES.map((source, index) => [source, Math.floor(total / n) + (index < total % n ? 1 : 0)]));
}

/**
 * Builds the dataset: every registered source's recorded samples plus its share of N generated
 * postings in the same format, `broken` of them deliberately unusable in the way real sources break.
 */
export function buildDataset(options: DatasetOptions): ReplayDataset {
  const random = new SeededRandom(options.seed ?? 42);
  const today = startOfUtcDay(options.today ?? new Date());
  const pool = new IdentityPool(random, today);
  const counts = share(options.postings);
  const brokenCounts = share(options.broken ?? 0);
  const sources = new Map<SourceName, ServedSource>();
  for (const name of SCRAPE_SOURCES) {
    const count = counts.get(name)!;
    sources.set(
      name,
      REPLAY_SOURCES[name].build({
        includeRecordings: options.includeRecordings ?? true,
        count,
        boards: options.boards?.[name] ?? [],
        broken: Math.min(brokenCounts.get(name)!, count),
        random,
        today,
        pool,
        usajobsKey: options.usajobsKey,
        workdayLargeBoards: options.workdayLargeBoards ?? [],
      }),
    );
  }
  return { sources, postings: [...sources.values()].flatMap((source) => source.postings) };
}
