/**
 * The operational tables: key schema, secondary indexes and the one service that writes each. Beside
 * the event topology because a table item is a contract too: its shape is `schemas/tables/<name>/schema.json`,
 * its owner is the only service that writes it, and every other service reads it or learns through events.
 * The SQLite adapter, the DynamoDB adapter, the LocalStack bootstrap, the CDK stack and IAM all read this.
 */
import type { ServiceName } from './topology.js';

/** Who writes a table: one service, or `shared` (the service runtime, each consumer under its own key prefix). */
export type TableOwner = ServiceName | 'shared';

/** Key schema of one secondary index. */
export interface IndexDefinition {
  readonly partitionKey: string;
  readonly sortKey?: string;
}

/** Key schema of one table: a partition key, an optional string sort key, and secondary indexes. */
export interface TableDefinition {
  readonly partitionKey: string;
  readonly sortKey?: string;
  readonly indexes: Readonly<Record<string, IndexDefinition>>;
  /** The one service that writes this table (others may only read it); `shared` for the runtime's own. */
  readonly owner: TableOwner;
  /** Attribute holding an expiry in epoch seconds, after which DynamoDB's TTL deletes the item. */
  readonly timeToLiveAttribute?: string;
}

/**
 * Every operational table. Sort keys and index keys hold strings (ISO dates sort).
 */
export const TABLES = {
  /** Normalized jobs, one item per jobId (sanitized HTML kept here, not in events). */
  jobs: {
    partitionKey: 'jobId',
    indexes: {
      bySource: { partitionKey: 'source', sortKey: 'lastSeenAt' },
      byDedupeKey: { partitionKey: 'dedupeKey', sortKey: 'jobId' },
      /** Postings with the same description text (cross-source duplicates under another title or place). */
      byTextFingerprint: { partitionKey: 'textFingerprint', sortKey: 'jobId' },
    },
    owner: 'parser',
  },
  /** Scraper bookkeeping: last content hash per posting, URL validators, run statistics per search. */
  scrapeState: { partitionKey: 'key', indexes: {}, owner: 'scraper' },
  /** Latest score per job with its reasons. */
  scores: { partitionKey: 'jobId', indexes: {}, owner: 'recommender' },
  /** Recommender state: postings as stems, labelled decisions, model and config bookkeeping. */
  recommenderState: { partitionKey: 'key', sortKey: 'sort', indexes: {}, owner: 'recommender' },
  /** Current CRM stage per job. */
  crm: { partitionKey: 'jobId', indexes: { byStage: { partitionKey: 'stage', sortKey: 'updatedAt' } }, owner: 'crm-api' },
  /** Every CRM change and note, per job, in time order. */
  crmHistory: { partitionKey: 'jobId', sortKey: 'changeId', indexes: {}, owner: 'crm-api' },
  /** Application requests as the user sees them, with the outcome crm-api learns from the applier's events. */
  applications: { partitionKey: 'applicationId', indexes: { byJob: { partitionKey: 'jobId', sortKey: 'requestedAt' } }, owner: 'crm-api' },
  /** The applier's own progress per application request (session waits, submit intent, the outcome event). */
  applierState: { partitionKey: 'applicationId', indexes: {}, owner: 'applier' },
  /** The sheets bridge's record of its last sync with the spreadsheet (when, rows written, outcome, why it failed). */
  sheetsState: { partitionKey: 'key', indexes: {}, owner: 'sheets-bridge' },
  /** Site sessions status (never the cookie: that is in the secret store). */
  sessions: { partitionKey: 'site', indexes: {}, owner: 'auth-refresher' },
  /** The user's configuration, versioned. */
  config: { partitionKey: 'key', indexes: {}, owner: 'crm-api' },
  /** Hashed API keys. */
  apiKeys: { partitionKey: 'keyHash', indexes: {}, owner: 'crm-api' },
  /** Changes proposed by the user's assistant or the inbox, waiting for the user's yes. */
  proposals: { partitionKey: 'proposalId', indexes: { byStatus: { partitionKey: 'status', sortKey: 'createdAt' } }, owner: 'crm-api' },
  /**
   * The inbox's messages (bodies included: they never leave this table) with their class and matched job,
   * and how far each mailbox has been read.
   */
  inbox: {
    partitionKey: 'key',
    indexes: {
      /** A message by its Message-ID: replies find their thread's job. */
      byMessageId: { partitionKey: 'messageId', sortKey: 'key' },
      /** A mailbox's messages by arrival (what `jobpipe inbox forget` deletes). */
      byMailbox: { partitionKey: 'mailbox', sortKey: 'receivedAt' },
    },
    owner: 'inbox',
  },
  /**
   * The notifier's own store: one delivery item per target and job (queued for the digest, being sent,
   * or sent — what makes "never the same job twice" hold), each target's token bucket, its digest
   * cursor and its last delivery outcome.
   */
  notifications: {
    partitionKey: 'key',
    indexes: {
      /** The jobs waiting for a target's next digest, oldest first (only queued deliveries carry `queuedFor`). */
      byQueue: { partitionKey: 'queuedFor', sortKey: 'scoredAt' },
    },
    owner: 'notifier',
  },
  /** Import progress. */
  imports: { partitionKey: 'importId', sortKey: 'part', indexes: {}, owner: 'crm-api' },
  /**
   * Events stored with the change they announce, waiting for the relay (transactional outbox): one item
   * per commit (or per 300 KB of its events), in commit order per producer.
   */
  outbox: { partitionKey: 'producer', sortKey: 'entryId', indexes: {}, owner: 'shared' },
  /**
   * crm-api's read side on the aws transport (embedded, it keeps SQLite files of its own): the job
   * listing of `GET /jobs` with an index per filter + sort it serves, the job count, and the analytics
   * snapshot in use, so every crm-api instance answers the same. Job items carry every index key;
   * the count and snapshot items none (the indexes are sparse). Key design and cost: docs/architecture.md.
   */
  readModel: {
    partitionKey: 'key',
    indexes: {
      byScore: { partitionKey: 'listing', sortKey: 'scoreKey' },
      byPosted: { partitionKey: 'listing', sortKey: 'postedKey' },
      bySalary: { partitionKey: 'listing', sortKey: 'salaryKey' },
      byStageScore: { partitionKey: 'stage', sortKey: 'scoreKey' },
      byStagePosted: { partitionKey: 'stage', sortKey: 'postedKey' },
      byTrackScore: { partitionKey: 'track', sortKey: 'scoreKey' },
      bySourceScore: { partitionKey: 'source', sortKey: 'scoreKey' },
      byCompanyScore: { partitionKey: 'companyKey', sortKey: 'scoreKey' },
      /** The postings of one job (a duplicate group, by canonical job id): sparse, only jobs with duplicates. */
      byGroup: { partitionKey: 'groupKey', sortKey: 'key' },
    },
    owner: 'crm-api',
  },
  /**
   * How much of its search each scrape run read (`<searchId>#<runId>`), as crm-api learns it from
   * `scrape.finished`; newest first over all searches (`feed` is always `run`) or per search.
   */
  sourceRuns: {
    partitionKey: 'runKey',
    indexes: {
      byFinishedAt: { partitionKey: 'feed', sortKey: 'finishedAt' },
      bySearch: { partitionKey: 'searchId', sortKey: 'finishedAt' },
    },
    owner: 'crm-api',
  },
  /** First answers of crm-api write requests by `Idempotency-Key`, kept until `expiresAt`. */
  idempotencyKeys: { partitionKey: 'key', indexes: {}, owner: 'crm-api', timeToLiveAttribute: 'expiresAt' },
} as const satisfies Record<string, TableDefinition>;

/** Name of an operational table. */
export type TableName = keyof typeof TABLES;

/** Every table name, in definition order. */
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** The definition of a table, or an error naming the known tables. */
export function tableDefinition(name: string): TableDefinition {
  const definition = (TABLES as Record<string, TableDefinition>)[name];
  if (!definition) throw new Error(`unknown table '${name}' (known: ${TABLE_NAMES.join(', ')})`);
  return definition;
}

/** The tables an owner writes, as a type: `OwnedTable<'parser'>` is `'jobs'`; never for a service that owns none. */
export type OwnedTable<O extends TableOwner> = {
  [N in TableName]: (typeof TABLES)[N]['owner'] extends O ? N : never;
}[TableName];

/** The tables a service writes (its own). */
export function tablesOwnedBy(service: ServiceName): TableName[] {
  return TABLE_NAMES.filter((name) => TABLES[name].owner === service);
}
