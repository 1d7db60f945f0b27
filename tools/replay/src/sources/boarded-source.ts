import { boardSlots, type Identity, isBrokenAt, slug } from '../identity-pool.js';
import type { SourceName } from '../scrape-request.js';
import type { SeededRandom } from '../seeded-random.js';
import {
  noSuchPosting,
  type ReplayAnswer,
  type ReplayBuild,
  type ReplayPosting,
  type ReplayRequest,
  type RouteContext,
  type ServedSource,
} from './replay-source.js';

/** What a generated posting is made from: its board, the company behind it, a distinct identity. */
export interface BoardDraw {
  /** The board the posting is served on (the company's slug in the source's spelling). */
  readonly board: string;
  readonly company: string;
  readonly who: Identity;
  readonly random: SeededRandom;
  /** Make it broken in the way `brokenReason` says. */
  readonly broken: boolean;
}

/**
 * A source whose searches name boards (a Greenhouse board, a Lever company, an Ashby job board…): the
 * postings of each board in the source's own shape, and what differs from source to source.
 */
export interface BoardedSourceSpec<P> {
  readonly name: SourceName;
  /** The boards recorded in `recordings/<name>/`, each with its postings. */
  readonly recorded: ReadonlyMap<string, readonly P[]>;
  /** The external id the scraper gives a posting. */
  readonly idOf: (posting: P) => string;
  /** Whether the source's search reads the posting (default all): an unlisted one is served but not a posting the demo finds. */
  readonly isListed?: (posting: P) => boolean;
  /** How the source spells a company's board (default: `slug(company)`). */
  readonly boardOf?: (company: string) => string;
  /** A generated posting, in the recorded shape. */
  readonly generate: (draw: BoardDraw) => P;
  /** What a broken generated posting misses, for test messages. */
  readonly brokenReason: string;
  /**
   * The answer at the source's real paths. `postingsOf` is what a board serves now: undefined for a board
   * that does not exist, nothing for any board while the source answers empty (as when an API changes).
   */
  readonly route: (
    request: ReplayRequest,
    context: RouteContext,
    postingsOf: (board: string) => readonly P[] | undefined,
  ) => ReplayAnswer | undefined;
  /** Changes a posting's text, as when the employer edits it. */
  readonly touch: (posting: P) => void;
  readonly scraperEnv: (origin: string) => Record<string, string>;
}

/**
 * Serves a boarded source: the recorded boards (when asked), and the generated postings spread over
 * the boards the stack's searches name, or else generated companies' boards, 40 a board; the search
 * reads every board served.
 */
export function boardedSource<P>(spec: BoardedSourceSpec<P>, build: ReplayBuild): ServedSource {
  const { includeRecordings, count, broken, random, pool } = build;
  const boards = new Map<string, P[]>();
  const postings: ReplayPosting[] = [];
  const add = (board: string, posting: P, brokenReason?: string) => {
    boards.set(board, [...(boards.get(board) ?? []), posting]);
    if (spec.isListed && !spec.isListed(posting)) return;
    postings.push({
      source: spec.name,
      externalId: spec.idOf(posting),
      broken: brokenReason !== undefined,
      ...(brokenReason ? { brokenReason } : {}),
    });
  };
  if (includeRecordings) for (const [board, recorded] of spec.recorded) for (const posting of recorded) add(board, posting);
  const slots = boardSlots(build, spec.boardOf ?? slug);
  for (let i = 0; i < count; i++) {
    const { board, company } = slots[i % slots.length]!;
    const isBroken = isBrokenAt(i, count, broken);
    add(
      board,
      spec.generate({ board, company, who: pool.draw(company), random, broken: isBroken }),
      isBroken ? spec.brokenReason : undefined,
    );
  }
  return {
    postings,
    boards: [...boards.keys()],
    route: (request, context) => spec.route(request, context, (board) => (context.empty ? [] : boards.get(board))),
    touch(externalId) {
      const posting = [...boards.values()].flat().find((candidate) => spec.idOf(candidate) === externalId);
      if (posting === undefined) throw noSuchPosting(spec.name, externalId);
      spec.touch(posting);
    },
    search: () => ({ boards: [...boards.keys()] }),
    scraperEnv: spec.scraperEnv,
  };
}
