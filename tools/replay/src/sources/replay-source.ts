import type { IdentityPool } from '../identity-pool.js';
import type { ScrapeRequest, SourceName } from '../scrape-request.js';
import type { SeededRandom } from '../seeded-random.js';

/** One posting the replay serves, and whether the parser should reject it. */
export interface ReplayPosting {
  readonly source: SourceName;
  /** The external id the scraper will use (JSON-LD: filled in once the server knows its URL). */
  externalId: string;
  /** Deliberately broken: the parser must dead-letter it. */
  readonly broken: boolean;
  /** What is broken, for test messages. */
  readonly brokenReason?: string;
  /** JSON-LD only: the page path. */
  readonly path?: string;
}

/** A request as the routes see it. */
export interface ReplayRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** An answer before faults and conditional handling. */
export interface ReplayAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** Served with validators (ETag, and Last-Modified for pages) and may be answered 304. */
  readonly cacheable?: boolean;
  readonly lastModified?: string;
  /** Extra response headers (a source's own rate-limit headers). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a source's routes know besides the request. */
export interface RouteContext {
  readonly origin: string;
  /** The source answers with zero postings (to show source drift). */
  readonly empty: boolean;
}

/** What a source is asked to serve. */
export interface ReplayBuild {
  /** Serve the recorded samples of `recordings/<source>/` too. */
  readonly includeRecordings: boolean;
  /** Generated postings on top of the recorded ones. */
  readonly count: number;
  /**
   * The boards a stack's searches name for this source (none: no search names any): generated postings
   * go onto them in turn, so those searches read every posting served.
   */
  readonly boards: readonly string[];
  /** How many of the generated postings are deliberately broken. */
  readonly broken: number;
  readonly random: SeededRandom;
  /** The day the replay serves: generated postings are dated relative to it, recordings moved to it. */
  readonly today: Date;
  /** Distinct company/title/city draws shared by every source, so no two generated postings collide. */
  readonly pool: IdentityPool;
  /** The USAJOBS key the replay accepts. */
  readonly usajobsKey: string;
  /** Workday boards of many postings, to show the 2,000-result cap. */
  readonly workdayLargeBoards: readonly WorkdayLargeBoard[];
}

/** A Workday board of `postings` postings; `splittable` spreads them over job families, else all share one. */
export interface WorkdayLargeBoard {
  readonly board: string;
  readonly company: string;
  readonly postings: number;
  readonly splittable: boolean;
}

/** The search fields of a `scrape.requested` that reads everything a source serves. */
export type SourceSearch = Omit<ScrapeRequest, 'runId' | 'requestedBy' | 'searchId' | 'source'>;

/** One source as the replay serves it: its postings, its routes at the real paths, and how to read it all. */
export interface ServedSource {
  readonly postings: ReplayPosting[];
  /** Boards (companies, accounts, tenants) served, for sources whose searches name boards. */
  readonly boards: readonly string[];
  /** The answer at this source's real path, or undefined when the request is not this source's. */
  route(request: ReplayRequest, context: RouteContext): ReplayAnswer | undefined;
  /** Changes one posting's content, as when an employer edits it. */
  touch(externalId: string): void;
  /** The search that reads everything served. */
  search(origin: string): SourceSearch;
  /** Environment pointing the scraper's client of this source at the replay. */
  scraperEnv(origin: string): Record<string, string>;
}

/**
 * One source of the replay, registered in `registry.ts`: its recordings (`recordings/<name>/`), its
 * generator of more postings in the same wire format, and its routes.
 */
export interface ReplaySourceModule {
  readonly name: SourceName;
  build(build: ReplayBuild): ServedSource;
}

/** A JSON answer. */
export const jsonAnswer = (status: number, value: unknown, cacheable = false): ReplayAnswer => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(value),
  cacheable,
});

/** The 404 a JSON API gives for an unknown board or posting. */
export const notFound = (what: string) => jsonAnswer(404, { message: `${what} not found` });

/** The error `touch` throws for a posting the replay does not serve. */
export const noSuchPosting = (source: SourceName, externalId: string) => new Error(`replay has no ${source} posting ${externalId}`);

/** Appended to a posting's text by `touch`. */
export const TOUCH_NOTE = ' Updated: the team grew.';
