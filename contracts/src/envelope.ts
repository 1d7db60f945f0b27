import type { EventDataMap, EventMeta } from './generated/types.js';
import type { DetailType } from './topology.js';

/** The `detail` of every jobpipe event: metadata plus the typed data. */
export interface EventDetail<T extends DetailType = DetailType> {
  readonly meta: EventMeta;
  readonly data: EventDataMap[T];
}

/**
 * An event as EventBridge delivers it to an SQS queue (and as the embedded bus stores it), so one
 * handler reads the same shape under every runtime.
 */
export interface BusEvent<T extends DetailType = DetailType> {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': T;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: EventDetail<T>;
}

/** Current schemaVersion (major.minor) that publishers write for each detail-type. */
export const CURRENT_SCHEMA_VERSION: Readonly<Record<DetailType, string>> = {
  'scrape.requested': '1.0',
  'scrape.finished': '1.0',
  'job.scraped': '1.0',
  'job.parsed': '1.0',
  'job.scored': '2.0',
  'job.closed': '1.0',
  'job.reopened': '1.0',
  'job.flagged': '1.0',
  'job.close-requested': '1.0',
  'crm.stage-changed': '1.0',
  'crm.flag-dismissals-changed': '1.0',
  'application.requested': '1.0',
  'application.submitted': '1.0',
  'application.failed': '1.0',
  'session.refresh-requested': '1.0',
  'session.refreshed': '1.0',
  'config.changed': '1.0',
  'import.chunk': '1.0',
  'import.chunk-loaded': '1.0',
  'import.completed': '1.0',
  'etl.requested': '1.0',
  'etl.completed': '1.0',
  'email.classified': '1.0',
  'inbox.forget-requested': '1.0',
  'wipe.requested': '1.0',
  'wipe.completed': '1.0',
  'notification.digest-requested': '1.0',
  'notification.test-requested': '1.0',
};
