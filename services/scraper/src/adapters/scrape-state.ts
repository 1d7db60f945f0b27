import type { UrlValidatorsItem, WipeScope } from '@jobpipe/contracts';
import { deleteItems, type OutgoingEvent, type RemovedCounts, type ServiceOutbox, type ServiceTables } from '@jobpipe/shared';
import type { RunRecord } from '../domain/run-stats.js';
import type { SourceName } from '../domain/sources.js';

const TABLE = 'scrapeState' as const;

/** What the scraper remembers of one posting: the hash and blob of the content last announced. */
export interface PostingState {
  readonly key: string;
  readonly source: SourceName;
  readonly externalId: string;
  readonly contentHash: string;
  readonly blobKey: string;
  readonly lastSeenAt: string;
  readonly runId: string;
}

/** Validators of a URL's last answer, for conditional requests. */
export interface UrlValidators {
  readonly key: string;
  readonly etag?: string;
  readonly lastModified?: string;
  /** Postings the URL listed when these validators were kept (lists only). */
  readonly itemCount?: number;
  /** Their external ids (lists kept since coverage; a 304 then says which postings are still listed). */
  readonly itemIds?: readonly string[];
}

/** ETag / Last-Modified as a server sent them. */
export interface ValidatorFields {
  readonly etag?: string | undefined;
  readonly lastModified?: string | undefined;
}

function validatorsItem(url: string, validators: ValidatorFields): UrlValidatorsItem {
  return {
    key: `http#${url}`,
    ...(validators.etag ? { etag: validators.etag } : {}),
    ...(validators.lastModified ? { lastModified: validators.lastModified } : {}),
  };
}

function runItem(record: Omit<RunRecord, 'key'>): RunRecord {
  return { key: `run#${record.searchId}#${record.runId}`, ...record };
}

/** The last finished run of one search, to tell drift from a quiet day. */
export interface SearchState {
  readonly key: string;
  readonly searchId: string;
  readonly source: SourceName;
  readonly lastRunId: string;
  readonly lastFound: number;
  readonly lastFinishedAt: string;
  /** Postings each board listed in the last run that read it. */
  readonly lastBoardsListed?: Readonly<Record<string, number>>;
}

/** The scraper's bookkeeping in the `scrapeState` table: postings, URL validators, runs, searches. */
export class ScrapeStateStore {
  constructor(
    private readonly tables: ServiceTables<'scraper'>,
    private readonly outbox: ServiceOutbox<'scraper'>,
  ) {}

  posting(source: SourceName, externalId: string): Promise<PostingState | undefined> {
    return this.item(`posting#${source}#${externalId}`);
  }

  async savePosting(state: Omit<PostingState, 'key'>): Promise<void> {
    await this.tables.put(TABLE, { key: `posting#${state.source}#${state.externalId}`, ...state });
  }

  /** Remembers announced postings and their URLs' validators in one write. */
  /**
   * Announces postings: their `job.scraped` events and what is remembered of them (posting state, URL
   * validators) in one commit, so a posting is remembered exactly when it is announced.
   */
  async announce(
    entries: readonly { posting: Omit<PostingState, 'key'>; url: string; validators: ValidatorFields }[],
    events: readonly OutgoingEvent[],
  ): Promise<void> {
    const items = entries.flatMap(({ posting, url, validators }) => [
      { key: `posting#${posting.source}#${posting.externalId}`, ...posting },
      ...(validators.etag || validators.lastModified ? [validatorsItem(url, validators)] : []),
    ]);
    await this.outbox.commit({ writes: items.map((item) => ({ table: TABLE, item })), events });
  }

  async validators(url: string): Promise<UrlValidators | undefined> {
    return this.item(`http#${url}`);
  }

  /** Keeps a URL's validators; for a list, also the postings it held (a 304 means those, unchanged). */
  async saveValidators(url: string, validators: ValidatorFields, listedIds?: readonly string[]): Promise<void> {
    if (!validators.etag && !validators.lastModified) return;
    const listed = listedIds === undefined ? {} : { itemCount: listedIds.length, itemIds: [...listedIds] };
    await this.tables.put(TABLE, { ...validatorsItem(url, validators), ...listed });
  }

  run(searchId: string, runId: string): Promise<RunRecord | undefined> {
    return this.item(`run#${searchId}#${runId}`);
  }

  async saveRun(record: Omit<RunRecord, 'key'>): Promise<void> {
    await this.tables.put(TABLE, runItem(record));
  }

  /**
   * Records a finished run — its record, the search's state when the listing was read, and the
   * `scrape.finished` event announcing its coverage — in one commit.
   */
  async finishRun(record: Omit<RunRecord, 'key'>, search: Omit<SearchState, 'key'> | undefined, event: OutgoingEvent): Promise<void> {
    const writes: ScrapeStateRecord[] = [runItem(record), ...(search ? [{ key: `search#${search.searchId}`, ...search }] : [])];
    await this.outbox.commit({ writes: writes.map((item) => ({ table: TABLE, item })), events: [event] });
  }

  /**
   * Forgets postings (`postings`: what was announced of each posting and the URLs' validators, so the
   * next run announces every posting again instead of answering "unchanged") or everything (`all`:
   * also the runs and searches, so drift starts over). Raw bodies stay in the blob store.
   */
  async wipe(scope: WipeScope): Promise<RemovedCounts> {
    const postingsOnly = (item: { key: string }) => item.key.startsWith('posting#') || item.key.startsWith('http#');
    return { [TABLE]: await deleteItems(this.tables, TABLE, scope === 'all' ? undefined : postingsOnly) };
  }

  search(searchId: string): Promise<SearchState | undefined> {
    return this.item(`search#${searchId}`);
  }

  /**
   * The item under a key, as the record its key prefix (`posting#`, `http#`, `run#`, `search#`) says it
   * is: the table's schema holds one kind of item per prefix.
   */
  private async item<T extends ScrapeStateRecord>(key: string): Promise<T | undefined> {
    return (await this.tables.get(TABLE, { key })) as T | undefined;
  }
}

/** The scraper's records of the `scrapeState` table, one per key prefix. */
type ScrapeStateRecord = PostingState | UrlValidators | RunRecord | SearchState;
