import { SeededRandom } from './seeded-random.js';

/** How the simulated boards live from day to day. */
export interface TimelineOptions {
  readonly days: number;
  /** Board tokens; each board is read by one search, once a day. */
  readonly boards: readonly string[];
  /** Open postings each board starts with. */
  readonly postingsPerBoard: number;
  /** Chance that an open posting closes on a given day. */
  readonly closeChance: number;
  /** New postings per board per day (on average). */
  readonly newPerDay: number;
  /** Chance that a posting closing today comes back under a new id (a relisting). */
  readonly relistChance: number;
  /** Share of runs that do not read the whole board: truncated, a page lost, or capped by the source. */
  readonly partialRunChance: number;
  /** Chance that one complete read misses an open posting anyway (the source's index hiccups). */
  readonly glitchChance: number;
  readonly seed?: number;
}

/** How a run fell short of the whole board. */
export type RunShortfall = 'truncated' | 'page-lost' | 'capped';

/** One daily read of one board: what it listed and whether it read the whole board. */
export interface SimulatedRun {
  readonly day: number;
  readonly board: string;
  readonly runId: string;
  readonly finishedAt: string;
  readonly status: 'complete' | 'partial';
  readonly shortfall?: RunShortfall;
  /** External ids listed, in listing order. */
  readonly listed: readonly string[];
}

/** One posting in the ground truth. */
export interface SimulatedPosting {
  readonly externalId: string;
  readonly board: string;
  readonly title: string;
  readonly openedDay: number;
  /** The day it closed, if it did. */
  closedDay?: number;
  /** The posting it relists (same job, new id). */
  readonly relistOf?: string;
}

/** The simulation: every posting with its ground truth and every day's runs. */
export interface BoardTimeline {
  readonly postings: ReadonlyMap<string, SimulatedPosting>;
  readonly runs: readonly SimulatedRun[];
  /** The instant a simulated day's runs finish. */
  readonly dayAt: (day: number) => string;
}

const START = Date.parse('2026-06-01T08:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const TITLES = ['Data Engineer', 'Backend Engineer', 'Product Designer', 'Site Reliability Engineer', 'Analytics Lead', 'QA Engineer'];

/** The listing a run that fell short returns: the board's first pages, or all but one lost page. */
function shortListing(open: readonly string[], shortfall: RunShortfall, random: SeededRandom): string[] {
  const pageSize = Math.max(1, Math.ceil(open.length / 4));
  if (shortfall === 'page-lost') {
    const lost = random.int(0, 3);
    return open.filter((_, index) => Math.floor(index / pageSize) !== lost);
  }
  return open.slice(0, shortfall === 'truncated' ? pageSize * 2 : pageSize * 3);
}

/**
 * Simulates boards over `days`: each day some postings close (some of them coming back under a new
 * id), new ones open, and then each board is read once — most reads whole, some truncated, missing a
 * page or capped, and even whole reads now and then miss an open posting. The ground truth (when each
 * posting opened and closed) is kept beside the runs, so a lifecycle can be scored against it.
 */
export function simulateBoards(options: TimelineOptions): BoardTimeline {
  const random = new SeededRandom(options.seed ?? 13);
  const postings = new Map<string, SimulatedPosting>();
  const open = new Map<string, string[]>(options.boards.map((board) => [board, []]));
  let nextId = 7_000_000;
  const openPosting = (board: string, day: number, relistOf?: SimulatedPosting) => {
    const externalId = String(nextId++);
    const title = relistOf?.title ?? `${random.pick(TITLES)} ${externalId.slice(-3)}`;
    postings.set(externalId, { externalId, board, title, openedDay: day, ...(relistOf ? { relistOf: relistOf.externalId } : {}) });
    open.get(board)!.push(externalId);
  };
  for (const board of options.boards) for (let n = 0; n < options.postingsPerBoard; n++) openPosting(board, 0);
  const dayAt = (day: number) => new Date(START + day * DAY_MS).toISOString();
  const runs: SimulatedRun[] = [];
  for (let day = 0; day < options.days; day++) {
    for (const board of options.boards) {
      if (day > 0) {
        const ids = open.get(board)!;
        const closing = ids.filter(() => random.next() < options.closeChance);
        open.set(
          board,
          ids.filter((id) => !closing.includes(id)),
        );
        for (const id of closing) {
          const posting = postings.get(id)!;
          posting.closedDay = day;
          if (random.next() < options.relistChance) openPosting(board, day, posting);
        }
        const added = Math.round(options.newPerDay * 2 * random.next());
        for (let n = 0; n < added; n++) openPosting(board, day);
      }
      const listing = open.get(board)!;
      const partial = random.next() < options.partialRunChance;
      const shortfall: RunShortfall | undefined = partial ? random.pick(['truncated', 'page-lost', 'capped'] as const) : undefined;
      const listed = shortfall ? shortListing(listing, shortfall, random) : listing.filter(() => random.next() >= options.glitchChance);
      runs.push({
        day,
        board,
        runId: `day-${day}-${board}`,
        finishedAt: dayAt(day),
        status: shortfall ? 'partial' : 'complete',
        ...(shortfall ? { shortfall } : {}),
        listed,
      });
    }
  }
  return { postings, runs, dayAt };
}

/** How well closures matched the ground truth. */
export interface CloseScore {
  /** Closures of postings that really had closed by then. */
  readonly precision: number;
  /** Of the postings whose board had `readsToClose` complete reads after they closed, the share closed. */
  readonly recall: number;
  readonly closed: number;
  readonly wronglyClosed: number;
  readonly closable: number;
}

/**
 * Scores closures (each posting closed, and the day it was: a posting closed twice counts twice) against the ground truth. A posting counts
 * toward recall when its board was read whole `readsToClose` times after it closed: before that no
 * honest lifecycle could close it.
 */
export function scoreClosures(
  timeline: BoardTimeline,
  closures: readonly { readonly externalId: string; readonly day: number }[],
  readsToClose: number,
): CloseScore {
  let wronglyClosed = 0;
  for (const { externalId, day } of closures) {
    const posting = timeline.postings.get(externalId);
    if (posting?.closedDay === undefined || posting.closedDay > day) wronglyClosed++;
  }
  const completeReadsSince = (posting: SimulatedPosting, closedDay: number) =>
    timeline.runs.filter((run) => run.board === posting.board && run.status === 'complete' && run.day >= closedDay).length;
  const closable = [...timeline.postings.values()].filter(
    (posting) => posting.closedDay !== undefined && completeReadsSince(posting, posting.closedDay) >= readsToClose,
  );
  const closedIds = new Set(closures.map((closure) => closure.externalId));
  const found = closable.filter((posting) => closedIds.has(posting.externalId)).length;
  return {
    precision: closures.length === 0 ? 1 : (closures.length - wronglyClosed) / closures.length,
    recall: closable.length === 0 ? 1 : found / closable.length,
    closed: closures.length,
    wronglyClosed,
    closable: closable.length,
  };
}

/**
 * A simulated posting as the Greenhouse job-board API lists it (`/v1/boards/{board}/jobs?content=true`):
 * a relisting carries the text of the first posting of its chain.
 */
export function greenhouseJobOf(timeline: BoardTimeline, posting: SimulatedPosting): Record<string, unknown> {
  let original = posting;
  for (
    let earlier = original.relistOf && timeline.postings.get(original.relistOf);
    earlier;
    earlier = earlier.relistOf && timeline.postings.get(earlier.relistOf)
  )
    original = earlier;
  const at = timeline.dayAt(posting.openedDay);
  return {
    id: Number(posting.externalId),
    internal_job_id: Number(original.externalId) + 1,
    title: posting.title,
    company_name: `${posting.board[0]!.toUpperCase()}${posting.board.slice(1)} Labs`,
    absolute_url: `https://boards.greenhouse.io/${posting.board}/jobs/${posting.externalId}`,
    location: { name: 'Singapore' },
    updated_at: at,
    first_published: at,
    content: `&lt;p&gt;${posting.title} (${original.externalId}): you will own a service end to end, from design review to the on-call rota, with a team of six.&lt;/p&gt;`,
  };
}
