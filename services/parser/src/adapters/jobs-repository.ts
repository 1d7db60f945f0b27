import type { JobItem, JobSource } from '@jobpipe/contracts';
import { deleteItems, type OutgoingEvent, type ServiceOutbox, type ServiceTables } from '@jobpipe/shared';
import { ArrivalOrder, type ArrivalPlace } from './arrival-order.js';
import { KeyedSequencer } from './keyed-sequencer.js';

/** A jobs-table item (`contracts/schemas/tables/jobs`): the normalized job plus what only the table keeps. */
export type { JobItem };

/** The lifecycle fields of an item (close, sweep bookkeeping, relisting, ghost-risk flags), which a new version of its content keeps. */
export function lifecycleFieldsOf(
  item: JobItem | undefined,
): Pick<JobItem, 'closedAt' | 'closeReason' | 'reads' | 'relistOf' | 'relistCount' | 'ghostFlags'> {
  if (!item) return {};
  return {
    ...(item.closedAt !== undefined ? { closedAt: item.closedAt } : {}),
    ...(item.closeReason !== undefined ? { closeReason: item.closeReason } : {}),
    ...(item.reads !== undefined ? { reads: item.reads } : {}),
    ...(item.relistOf !== undefined ? { relistOf: item.relistOf, relistCount: item.relistCount ?? 1 } : {}),
    ...(item.ghostFlags !== undefined ? { ghostFlags: item.ghostFlags } : {}),
  };
}

const TABLE = 'jobs' as const;

/** The parser's access to the jobs table: reads, conditional writes keyed on the content hash, duplicate lookups. */
export class JobsRepository {
  private readonly sequencer = new KeyedSequencer();
  private readonly arrivals = new ArrivalOrder();

  constructor(
    private readonly tables: ServiceTables<'parser'>,
    private readonly outbox: ServiceOutbox<'parser'>,
  ) {}

  /** Deletes every job (a wipe: postings and all alike); returns how many went. */
  wipe(): Promise<number> {
    return deleteItems(this.tables, 'jobs');
  }

  /**
   * A place in line, taken when a message arrives: the {@link inTurn} calls a message makes once
   * admitted (and before it leaves) queue behind those of every message that arrived before it, however
   * long each took to read and parse its body. So of two copies of a job in one batch, the one delivered
   * first is stored first and becomes the canonical job.
   */
  arrive(): ArrivalPlace {
    return this.arrivals.take();
  }

  /**
   * Runs a posting's read-then-write steps after those already running in this process for the same
   * job or for a possible duplicate of it (same dedupe key or text fingerprint): a received batch
   * handles its messages at once, and each must see the writes of those it could conflict with or link
   * to. Unrelated postings go ahead concurrently; across processes the conditional writes still decide.
   */
  inTurn<T>(posting: { jobId: string; dedupeKey: string; textFingerprint: string | null }, steps: () => Promise<T>): Promise<T> {
    const keys = [`job:${posting.jobId}`, `dedupe:${posting.dedupeKey}`];
    if (posting.textFingerprint) keys.push(`text:${posting.textFingerprint}`);
    return this.sequencer.run(keys, steps);
  }

  get(jobId: string): Promise<JobItem | undefined> {
    return this.tables.get(TABLE, { jobId });
  }

  /**
   * Writes the item, marked as announced, together with the events announcing it (one transaction,
   * through the outbox), only if the stored one still has `expectedHash` (or, with undefined, does not
   * exist yet); false when another writer got there first.
   */
  storeAnnounced(item: JobItem, expectedHash: string | undefined, events: readonly OutgoingEvent[]): Promise<boolean> {
    return this.outbox
      .commit({
        writes: [
          {
            table: TABLE,
            item: { ...item, publishedHash: item.contentHash },
            condition:
              expectedHash === undefined
                ? { kind: 'notExists' }
                : { kind: 'compare', attribute: 'contentHash', op: 'eq', value: expectedHash, orNotExists: false },
          },
        ],
        events,
      })
      .then((result) => result.committed);
  }

  /**
   * Writes a job's new lifecycle with the events announcing it (one commit), only if its content is
   * still the one the decision was made on; false when a new version landed meanwhile.
   */
  storeLifecycle(item: JobItem, events: readonly OutgoingEvent[]): Promise<boolean> {
    return this.outbox
      .commit({
        writes: [
          {
            table: TABLE,
            item,
            condition: { kind: 'compare', attribute: 'contentHash', op: 'eq', value: item.contentHash, orNotExists: false },
          },
        ],
        events,
      })
      .then((result) => result.committed);
  }

  /** Every stored job of one source (index bySource). */
  async ofSource(source: JobSource): Promise<JobItem[]> {
    const jobs: JobItem[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.tables.query(TABLE, {
        index: 'bySource',
        partitionValue: source,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      jobs.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return jobs;
  }

  /** Every stored job, page by page. */
  all(): AsyncIterable<JobItem> {
    return this.tables.scanAll(TABLE, { pageSize: 500 });
  }

  /** Other jobs with the same company/title/place key. */
  async sameDedupeKey(dedupeKey: string, limit = 20): Promise<JobItem[]> {
    return (await this.tables.query(TABLE, { index: 'byDedupeKey', partitionValue: dedupeKey, limit })).items;
  }

  /** Other jobs with the same description text fingerprint. */
  async sameTextFingerprint(fingerprint: string, limit = 20): Promise<JobItem[]> {
    return (await this.tables.query(TABLE, { index: 'byTextFingerprint', partitionValue: fingerprint, limit })).items;
  }
}
