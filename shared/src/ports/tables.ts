/** A stored item: a plain JSON object. */
export type Item = Record<string, unknown>;

/** A conditional write, the subset of DynamoDB condition expressions jobpipe needs. */
export type WriteCondition =
  | { readonly kind: 'notExists' }
  | {
      readonly kind: 'compare';
      readonly attribute: string;
      readonly op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
      readonly value: string | number | boolean;
      /** Also succeed when the item does not exist yet. */
      readonly orNotExists: boolean;
    };

/** One put of a transaction: the item, and the condition it must meet. */
export interface TableWrite {
  readonly table: string;
  readonly item: Item;
  readonly condition?: WriteCondition;
}

/** A query on the partition key of a table or one of its indexes. */
export interface TableQuery {
  readonly index?: string;
  readonly partitionValue: string;
  readonly sortBeginsWith?: string;
  readonly sortFrom?: string;
  readonly sortTo?: string;
  readonly descending?: boolean;
  readonly limit?: number;
  readonly cursor?: string;
}

/** One page of results and the cursor of the next page, if any. */
export interface Page<T> {
  readonly items: T[];
  readonly cursor?: string;
}

/**
 * Key-value tables with DynamoDB semantics (partition key, optional string sort key, secondary indexes,
 * conditional writes). Embedded: SQLite; AWS: DynamoDB via lib-dynamodb.
 */
export interface TableStore {
  get<T extends Item>(table: string, key: Item): Promise<T | undefined>;
  /** Writes the item; returns false (writing nothing) when the condition does not hold. */
  put(table: string, item: Item, condition?: WriteCondition): Promise<boolean>;
  /** Writes many items unconditionally (batched to the backend's limits). */
  putMany(table: string, items: readonly Item[]): Promise<void>;
  /**
   * Writes every item or none: false (writing nothing) when any condition does not hold. DynamoDB takes
   * at most 100 writes per transaction (TransactWriteItems); both adapters refuse more.
   */
  transact(writes: readonly TableWrite[]): Promise<boolean>;
  delete(table: string, key: Item): Promise<void>;
  /** Deletes many items unconditionally (batched to the backend's limits). */
  deleteMany(table: string, keys: readonly Item[]): Promise<void>;
  query<T extends Item>(table: string, query: TableQuery): Promise<Page<T>>;
  /** Reads the whole table page by page. */
  scan<T extends Item>(table: string, options?: { limit?: number; cursor?: string }): Promise<Page<T>>;
}

/** The most writes one `TableStore.transact` takes (the TransactWriteItems limit). */
export const MAX_TRANSACTION_WRITES = 100;
