import type {
  NotificationBucketItem,
  NotificationClosureItem,
  NotificationDeliveryItem,
  NotificationDigestItem,
  NotificationTargetStatusItem,
} from '@jobpipe/contracts';
import type { ServiceTables, WriteCondition } from '@jobpipe/shared';

/** The notifier's own table. */
const TABLE = 'notifications';

/** The condition of an optimistic write: the item is still at the revision read (or still absent). */
function atRevision(revision: number | undefined): WriteCondition {
  return revision === undefined
    ? { kind: 'notExists' }
    : { kind: 'compare', attribute: 'revision', op: 'eq', value: revision, orNotExists: false };
}

/** Keys of the notifier's items, one kind per prefix (see the table's schema). */
export const notificationKeys = {
  delivery: (target: string, jobId: string) => `delivery#${target}#${jobId}`,
  bucket: (target: string) => `bucket#${target}`,
  digest: (target: string) => `digest#${target}`,
  status: (target: string) => `target#${target}`,
  closure: (jobId: string) => `closure#${jobId}`,
};

/**
 * The notifier's items in its `notifications` table, each kind narrowed by its key prefix. Writes of
 * deliveries, buckets and digest cursors are optimistic: they hold only if the item is still at the
 * revision the writer read, so two deliveries of one event cannot both win.
 */
export class NotificationStore {
  constructor(private readonly tables: ServiceTables<'notifier'>) {}

  async delivery(target: string, jobId: string): Promise<NotificationDeliveryItem | undefined> {
    return (await this.tables.get(TABLE, { key: notificationKeys.delivery(target, jobId) })) as NotificationDeliveryItem | undefined;
  }

  /** Writes a delivery if it is still at `readRevision` (undefined: still absent); false when another writer came first. */
  putDelivery(item: NotificationDeliveryItem, readRevision: number | undefined): Promise<boolean> {
    return this.tables.put(TABLE, item, atRevision(readRevision));
  }

  /** Removes a delivery (a claim given back when nothing was queued before it). */
  deleteDelivery(target: string, jobId: string): Promise<void> {
    return this.tables.delete(TABLE, { key: notificationKeys.delivery(target, jobId) });
  }

  /** The deliveries waiting for a target's digest, oldest first. */
  queuedFor(target: string): AsyncIterable<NotificationDeliveryItem> {
    return this.tables.queryAll(TABLE, { index: 'byQueue', partitionValue: target }) as AsyncIterable<NotificationDeliveryItem>;
  }

  async bucket(target: string): Promise<NotificationBucketItem | undefined> {
    return (await this.tables.get(TABLE, { key: notificationKeys.bucket(target) })) as NotificationBucketItem | undefined;
  }

  putBucket(item: NotificationBucketItem, readRevision: number | undefined): Promise<boolean> {
    return this.tables.put(TABLE, item, atRevision(readRevision));
  }

  async digest(target: string): Promise<NotificationDigestItem | undefined> {
    return (await this.tables.get(TABLE, { key: notificationKeys.digest(target) })) as NotificationDigestItem | undefined;
  }

  putDigest(item: NotificationDigestItem, readRevision: number | undefined): Promise<boolean> {
    return this.tables.put(TABLE, item, atRevision(readRevision));
  }

  /** Puts a digest cursor back as it was before a failed send (removes it when there was none). */
  async restoreDigest(target: string, previous: NotificationDigestItem | undefined): Promise<void> {
    if (previous) await this.tables.put(TABLE, previous);
    else await this.tables.delete(TABLE, { key: notificationKeys.digest(target) });
  }

  async status(target: string): Promise<NotificationTargetStatusItem | undefined> {
    return (await this.tables.get(TABLE, { key: notificationKeys.status(target) })) as NotificationTargetStatusItem | undefined;
  }

  putStatus(item: NotificationTargetStatusItem): Promise<boolean> {
    return this.tables.put(TABLE, item);
  }

  async closure(jobId: string): Promise<NotificationClosureItem | undefined> {
    return (await this.tables.get(TABLE, { key: notificationKeys.closure(jobId) })) as NotificationClosureItem | undefined;
  }

  /** Keeps a job's close or reopen unless a later one is kept already (concurrent deliveries keep the latest). */
  async keepClosure(item: NotificationClosureItem): Promise<void> {
    await this.tables.put(TABLE, item, {
      kind: 'compare',
      attribute: 'closureChangedAt',
      op: 'lt',
      value: item.closureChangedAt,
      orNotExists: true,
    });
  }
}
