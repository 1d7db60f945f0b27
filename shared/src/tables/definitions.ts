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
  /** The service that writes this table (others may read it). */
  readonly owner: string;
  /** Attribute holding an expiry in epoch seconds, after which DynamoDB's TTL deletes the item. */
  readonly timeToLiveAttribute?: string;
}

/**
 * Every operational table. The SQLite adapter, the DynamoDB adapter, the LocalStack bootstrap and the
 * CDK stack all read this one definition. Sort keys and index keys hold strings (ISO dates sort).
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
  /** Scraper bookkeeping: last content hash per posting, run statistics per search. */
  scrapeState: { partitionKey: 'key', indexes: {}, owner: 'scraper' },
  /** Latest score per job with its reasons. */
  scores: { partitionKey: 'jobId', indexes: {}, owner: 'recommender' },
  /** Recommender state: labelled decisions and model metadata. */
  recommenderState: { partitionKey: 'key', sortKey: 'sort', indexes: {}, owner: 'recommender' },
  /** Current CRM stage per job. */
  crm: { partitionKey: 'jobId', indexes: { byStage: { partitionKey: 'stage', sortKey: 'updatedAt' } }, owner: 'crm-api' },
  /** Every CRM change and note, per job, in time order. */
  crmHistory: { partitionKey: 'jobId', sortKey: 'changeId', indexes: {}, owner: 'crm-api' },
  /** Application requests and their outcome. */
  applications: { partitionKey: 'applicationId', indexes: { byJob: { partitionKey: 'jobId', sortKey: 'requestedAt' } }, owner: 'applier' },
  /** Site sessions status (never the cookie: that is in the secret store). */
  sessions: { partitionKey: 'site', indexes: {}, owner: 'auth-refresher' },
  /** The user's configuration, versioned. */
  config: { partitionKey: 'key', indexes: {}, owner: 'crm-api' },
  /** Hashed API keys. */
  apiKeys: { partitionKey: 'keyHash', indexes: {}, owner: 'crm-api' },
  /** Import progress. */
  imports: { partitionKey: 'importId', sortKey: 'part', indexes: {}, owner: 'crm-api' },
  /**
   * Events stored with the change they announce, waiting for the relay (transactional outbox): one item
   * per commit (or per 300 KB of its events), in commit order per producer.
   */
  outbox: { partitionKey: 'producer', sortKey: 'entryId', indexes: {}, owner: 'shared' },
  /** First answers of crm-api write requests by `Idempotency-Key`, kept until `expiresAt`. */
  idempotencyKeys: { partitionKey: 'key', indexes: {}, owner: 'crm-api', timeToLiveAttribute: 'expiresAt' },
  /** Event ids already handled, per consumer, where a handler needs exactly-once effects. */
  processedEvents: { partitionKey: 'consumerEventId', indexes: {}, owner: 'shared' },
} as const satisfies Record<string, TableDefinition>;

/** Name of an operational table. */
export type TableName = keyof typeof TABLES;

/** The definition of a table, or an error naming the known tables. */
export function tableDefinition(name: string): TableDefinition {
  const definition = (TABLES as Record<string, TableDefinition>)[name];
  if (!definition) throw new Error(`unknown table '${name}' (known: ${Object.keys(TABLES).join(', ')})`);
  return definition;
}
