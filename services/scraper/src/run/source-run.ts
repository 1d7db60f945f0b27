import {
  type BlobStore,
  type Clock,
  type HandlerContext,
  type Logger,
  type OutgoingEvent,
  PermanentError,
  rawBlobKey,
} from '@jobpipe/shared';
import type { PostingState, ScrapeStateStore, ValidatorFields } from '../adapters/scrape-state.js';
import type { ScraperMetrics } from '../adapters/scraper-metrics.js';
import { type SourceHttp, type SourceRequest, SourceRequestError, type SourceResponse } from '../adapters/source-http.js';
import { contentHashOf, type FetchedPosting } from '../domain/raw-posting.js';
import { emptyCounts, type RunCounts } from '../domain/run-counts.js';
import type { ListingReport } from '../domain/run-coverage.js';
import type { ScrapeRequest } from '../domain/sources.js';
import type { SourceRun } from '../sources/source.js';
import { WindowedBatcher } from './windowed-batcher.js';

/** What is remembered of an announced posting. */
interface AnnouncedPosting {
  readonly posting: Omit<PostingState, 'key'>;
  readonly url: string;
  readonly validators: ValidatorFields;
}

/** A posting to announce: its event, and what to remember of it. */
interface Announcement {
  readonly event: OutgoingEvent<'job.scraped'>;
  readonly record: AnnouncedPosting;
}

/**
 * Postings announced in one commit at most: a commit's writes (two per posting at most, and its outbox
 * entry) stay within DynamoDB's 100 per transaction.
 */
const MAX_ANNOUNCED_TOGETHER = 40;
/** Postings whose stored state is read together at most (one BatchGetItem takes 100 keys). */
const MAX_READ_TOGETHER = 100;

/** The ports one run writes to. */
export interface RunPorts {
  readonly blobs: BlobStore;
  readonly state: ScrapeStateStore;
  readonly clock: Clock;
  readonly metrics: ScraperMetrics;
}

const MAX_ERRORS_KEPT = 20;

/**
 * One run of one search: hands the source its HTTP client, stores each posting's raw body in the blob
 * store and announces it with `job.scraped` (claim check) unless its content hash is the one announced
 * last time, and counts what happened.
 */
export class SourceRunSession implements SourceRun {
  readonly counts: RunCounts = emptyCounts();
  readonly errors: string[] = [];
  /** Failures a later attempt may get past (network, 5xx, 429, open circuit). */
  retriableFailures = 0;
  readonly maxPages: number;
  readonly logger: Logger;
  /** What the source said about its listing: its total, failed pages, truncation. */
  readonly listing: { -readonly [K in keyof ListingReport]: ListingReport[K] } = { listedNotModified: 0, pagesFailed: 0, truncated: false };
  /** Postings each board listed (boards whose list was read or answered 304). */
  readonly boardsListed = new Map<string, number>();
  private readonly seen = new Set<string>();
  /** External ids each list URL held last time, for lists answered 304. */
  private readonly listIds = new Map<string, readonly string[]>();
  /**
   * External ids the run listed: announced, unchanged or not modified. `undefined` once a list answered
   * 304 without the ids it held being known (kept before ids were), so the run cannot say what it saw.
   */
  seenIds: Set<string> | undefined = new Set<string>();
  /** Announces the postings found within the window in one commit. */
  private readonly announcer: WindowedBatcher<Announcement, undefined>;
  /** Reads the stored state of the postings found within the window at once (one request on DynamoDB). */
  private readonly storedPostings: WindowedBatcher<string, PostingState | undefined>;

  constructor(
    readonly request: ScrapeRequest,
    readonly http: SourceHttp,
    context: HandlerContext,
    private readonly ports: RunPorts,
    /**
     * How long found postings gather before their stored state is read, and again before they are
     * announced, together (`ScraperConfig.announcementWindowMs`).
     */
    announcementWindowMs: number,
  ) {
    this.maxPages = Math.min(request.maxPages ?? http.policy.maxPages, http.policy.maxPages);
    this.logger = context.logger.child({ source: request.source, searchId: request.searchId, runId: request.runId });
    this.announcer = new WindowedBatcher(
      async (announcements) => {
        const events = announcements.map((announcement) => announcement.event);
        await ports.state.announce(
          announcements.map((announcement) => announcement.record),
          context.caused(events),
        );
        return announcements.map(() => undefined);
      },
      announcementWindowMs,
      MAX_ANNOUNCED_TOGETHER,
    );
    this.storedPostings = new WindowedBatcher(
      (externalIds) => Promise.all(externalIds.map((externalId) => ports.state.posting(request.source, externalId))),
      announcementWindowMs,
      MAX_READ_TOGETHER,
    );
  }

  found(count: number, board?: string): void {
    this.counts.found += count;
    if (board !== undefined) this.boardsListed.set(board, (this.boardsListed.get(board) ?? 0) + count);
  }

  reportTotal(total: number): void {
    if (Number.isInteger(total) && total >= 0) this.listing.reportedTotal = total;
  }

  pageFailed(what: string, error: unknown): void {
    this.listing.pagesFailed++;
    this.noteFailure(what, error, 'listing page not read');
  }

  truncated(): void {
    this.listing.truncated = true;
  }

  notModified(externalId: string): void {
    this.seenIds?.add(externalId);
    this.countNotModified(externalId, 1);
  }

  private countNotModified(what: string, count: number): void {
    this.counts.notModified += count;
    this.ports.metrics.postings.inc({ source: this.request.source, outcome: 'not_modified' }, count);
    this.logger.debug({ what }, 'not modified since last fetch');
  }

  failed(what: string, error: unknown): void {
    this.counts.failed++;
    this.ports.metrics.postings.inc({ source: this.request.source, outcome: 'failed' });
    this.noteFailure(what, error, 'posting not fetched');
  }

  private noteFailure(what: string, error: unknown, logMessage: string): void {
    const retriable = error instanceof SourceRequestError ? error.retriable : !(error instanceof PermanentError);
    if (retriable) this.retriableFailures++;
    const message = error instanceof Error ? error.message : String(error);
    if (this.errors.length < MAX_ERRORS_KEPT) this.errors.push(`${what}: ${message}`);
    this.logger.warn({ what, reason: message, retriable }, logMessage);
  }

  send(request: SourceRequest): Promise<SourceResponse> {
    return this.http.request(request);
  }

  async conditionalGet(url: string, headers?: Readonly<Record<string, string>>): Promise<SourceResponse> {
    const kept = this.http.policy.conditionalRequests ? await this.ports.state.validators(url) : undefined;
    if (kept?.itemIds !== undefined) this.listIds.set(url, kept.itemIds);
    const validators = kept
      ? { ...(kept.etag ? { etag: kept.etag } : {}), ...(kept.lastModified ? { lastModified: kept.lastModified } : {}) }
      : undefined;
    return this.http.request({ url, ...(headers ? { headers } : {}), ...(validators ? { validators } : {}) });
  }

  async keepValidators(url: string, validators: { etag?: string; lastModified?: string }, listedIds?: readonly string[]): Promise<void> {
    if (this.http.policy.conditionalRequests) await this.ports.state.saveValidators(url, validators, listedIds);
  }

  listNotModified(url: string, board?: string): void {
    const ids = this.listIds.get(url);
    if (ids) for (const id of ids) this.seenIds?.add(id);
    else this.seenIds = undefined;
    const count = ids?.length ?? 1;
    this.countNotModified(url, count);
    this.listing.listedNotModified += count;
    if (board !== undefined) this.boardsListed.set(board, (this.boardsListed.get(board) ?? 0) + count);
  }

  async forEach<T>(items: readonly T[], describe: (item: T) => string, work: (item: T) => Promise<void>): Promise<number> {
    const outcomes = await Promise.allSettled(items.map((item) => work(item)));
    let failures = 0;
    outcomes.forEach((outcome, index) => {
      if (outcome.status === 'rejected') {
        failures++;
        this.failed(describe(items[index]!), outcome.reason);
      }
    });
    return failures;
  }

  async emit(posting: FetchedPosting): Promise<void> {
    const { source, runId, searchId } = this.request;
    // A posting listed twice in one run (it moved between pages) is announced once.
    if (this.seen.has(posting.externalId)) return;
    this.seen.add(posting.externalId);
    this.seenIds?.add(posting.externalId);
    const contentHash = contentHashOf(posting);
    const previous = await this.storedPostings.add(posting.externalId);
    if (previous?.contentHash === contentHash) {
      this.counts.unchanged++;
      this.ports.metrics.postings.inc({ source, outcome: 'unchanged' });
      await this.keepValidators(posting.url, posting);
      return;
    }
    const blobKey = rawBlobKey({ source, externalId: posting.externalId, contentHash, contentType: posting.contentType });
    await this.ports.blobs.put(blobKey, posting.body, posting.contentType);
    const fetchedAt = this.ports.clock.now().toISOString();
    await this.announcer.add({
      event: {
        detailType: 'job.scraped',
        data: {
          source,
          externalId: posting.externalId,
          url: posting.url,
          blobKey,
          contentHash,
          contentType: posting.contentType,
          byteLength: posting.body.length,
          fetchedAt,
          searchId,
          runId,
        },
      },
      record: {
        posting: { source, externalId: posting.externalId, contentHash, blobKey, lastSeenAt: fetchedAt, runId },
        url: posting.url,
        validators: this.http.policy.conditionalRequests ? posting : {},
      },
    });
    this.counts.published++;
    this.ports.metrics.postings.inc({ source, outcome: 'published' });
  }
}
