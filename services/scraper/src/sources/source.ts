import type { Logger } from '@jobpipe/shared';
import type { SourceHttp, SourceRequest, SourceResponse } from '../adapters/source-http.js';
import type { FetchedPosting } from '../domain/raw-posting.js';
import type { ScrapeRequest, SourceName } from '../domain/sources.js';

/** What a source gets for one run: its HTTP client and where to hand the postings it finds. */
export interface SourceRun {
  readonly request: ScrapeRequest;
  readonly http: SourceHttp;
  readonly logger: Logger;
  /** Search pages to read at most (the request's maxPages, else the policy's). */
  readonly maxPages: number;
  /** A posting (or a page of postings) the source listed, on `board` where the search reads boards; counts toward the run's `found`. */
  found(count: number, board?: string): void;
  /** The number of matches the source itself reports for the search (where it reports one). */
  reportTotal(total: number): void;
  /** A listing page after the first could not be read: the run goes on as a partial read and reports it. */
  pageFailed(what: string, error: unknown): void;
  /** Reading stopped at `maxPages` while the source had more pages: the run is a partial read. */
  truncated(): void;
  /** Hands over one fetched posting; resolves once it is stored and announced (or skipped as unchanged). */
  emit(posting: FetchedPosting): Promise<void>;
  /** The server said the posting did not change since the last fetch (304). */
  notModified(externalId: string): void;
  /** One posting could not be fetched; the run goes on and reports it. */
  failed(what: string, error: unknown): void;
  /** Sends a GET, conditional on the validators kept for this URL; keeps the new ones after `emit`. */
  conditionalGet(url: string, headers?: Readonly<Record<string, string>>): Promise<SourceResponse>;
  /**
   * Runs `work` for every item at once (the HTTP client's limiter paces them); failures go to `failed`.
   * Resolves with the number of items that failed.
   */
  forEach<T>(items: readonly T[], describe: (item: T) => string, work: (item: T) => Promise<void>): Promise<number>;
  /** Keeps a list URL's validators and the external ids it listed for the next conditional request (call once all its postings landed). */
  keepValidators(url: string, validators: { etag?: string; lastModified?: string }, listedIds?: readonly string[]): Promise<void>;
  /** A list URL (of `board`, if any) answered 304: its postings (as many as last time) count as listed and not modified. */
  listNotModified(url: string, board?: string): void;
  /** Sends a request (no validators). */
  send(request: SourceRequest): Promise<SourceResponse>;
}

/** A job source: lists postings for a search and fetches each one's raw body. */
export interface Source {
  readonly name: SourceName;
  /** Reads the search; throws when the search itself cannot be read (the run is retried later). */
  scrape(run: SourceRun): Promise<void>;
}

/** The JSON body of a response, or an error naming the URL. */
export function jsonOf<T>(response: SourceResponse, what: string): T {
  if (response.kind !== 'body') throw new Error(`${what}: expected a body, got ${response.kind}`);
  try {
    return JSON.parse(response.body.toString('utf8')) as T;
  } catch {
    throw new Error(`${what}: answer is not JSON`);
  }
}

/** The validators a body came with. */
export function validatorsOf(response: { etag?: string; lastModified?: string }): { etag?: string; lastModified?: string } {
  return { ...(response.etag ? { etag: response.etag } : {}), ...(response.lastModified ? { lastModified: response.lastModified } : {}) };
}
