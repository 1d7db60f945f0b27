import type { TABLES, TableItemMap, TableName } from '@jobpipe/contracts';

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

/** A query on the partition key of a table or one of its indexes. */
export interface ItemQuery {
  readonly index?: string;
  readonly partitionValue: string;
  readonly sortBeginsWith?: string;
  readonly sortFrom?: string;
  readonly sortTo?: string;
  readonly descending?: boolean;
  readonly limit?: number;
  readonly cursor?: string;
}

/** Where a scan starts and how many items a page holds. */
export interface ScanOptions {
  readonly limit?: number;
  readonly cursor?: string;
}

/** One page of results and the cursor of the next page, if any. */
export interface Page<T> {
  readonly items: T[];
  readonly cursor?: string;
}

/** One put of a transaction, untyped: the table, the item, and the condition it must meet. */
export interface ItemWrite {
  readonly table: string;
  readonly item: Item;
  readonly condition?: WriteCondition;
}

/**
 * Key-value tables with DynamoDB semantics (partition key, optional string sort key, secondary indexes,
 * conditional writes), untyped: what each adapter implements (embedded: SQLite; AWS: DynamoDB via
 * lib-dynamodb) and what the shared table-store suite runs against. Services use the typed
 * {@link TableStore} over it.
 */
export interface ItemStore {
  get(table: string, key: Item): Promise<Item | undefined>;
  /** Writes the item; returns false (writing nothing) when the condition does not hold. */
  put(table: string, item: Item, condition?: WriteCondition): Promise<boolean>;
  /** Writes many items unconditionally (batched to the backend's limits). */
  putMany(table: string, items: readonly Item[]): Promise<void>;
  /**
   * Writes every item or none: false (writing nothing) when any condition does not hold. DynamoDB takes
   * at most 100 writes per transaction (TransactWriteItems); both adapters refuse more.
   */
  transact(writes: readonly ItemWrite[]): Promise<boolean>;
  delete(table: string, key: Item): Promise<void>;
  /** Deletes many items unconditionally (batched to the backend's limits). */
  deleteMany(table: string, keys: readonly Item[]): Promise<void>;
  query(table: string, query: ItemQuery): Promise<Page<Item>>;
  /** Reads the whole table page by page. */
  scan(table: string, options?: ScanOptions): Promise<Page<Item>>;
}

type TableDefinitions = typeof TABLES;

/** The attributes of a table's primary key (partition key, and sort key if any). */
type KeyAttribute<N extends TableName> =
  | TableDefinitions[N]['partitionKey']
  | (TableDefinitions[N] extends { readonly sortKey: infer S extends string } ? S : never);

/** The primary key of an item of table `N`, e.g. `{ jobId }` for `jobs`, `{ key, sort }` for `recommenderState`. */
export type TableKey<N extends TableName> = { readonly [A in KeyAttribute<N>]: string };

/** The secondary indexes of table `N` by name. */
export type IndexName<N extends TableName> = keyof TableDefinitions[N]['indexes'] & string;

/** A query on table `N`'s partition key or on one of its indexes. */
export interface TableQuery<N extends TableName = TableName> extends Omit<ItemQuery, 'index'> {
  readonly index?: IndexName<N>;
}

/** A query over every page: `limit` is the size of each page read. */
export type WholeQuery<N extends TableName = TableName> = Omit<TableQuery<N>, 'cursor'>;

/** A value and everything in it read-only: what a write takes, so callers may pass their read-only domain records. */
export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** An item of table `N` as a write takes it (its contract's type, read-only). */
export type ItemToWrite<N extends TableName> = DeepReadonly<TableItemMap[N]>;

/** One put of a transaction: an item of its table's contract, and the condition it must meet. */
export type TableWrite<W extends TableName = TableName> = {
  readonly [N in W]: { readonly table: N; readonly item: ItemToWrite<N>; readonly condition?: WriteCondition };
}[W];

/**
 * The tables typed by name: `get('jobs', { jobId })` gives a `JobItem`, `put('crm', item)` takes only a
 * `CrmItem` (item types are generated from `contracts/schemas/tables/<table>/schema.json`, keys and index
 * names come from `TABLES`). `W` narrows the tables this store may write, e.g. a service's own.
 */
export interface TableStore<W extends TableName = TableName> {
  /**
   * Types only, never set: the tables this store may write, as a parameter, so that a store that may
   * write fewer tables (a service's own) is not assignable where one that writes more is expected.
   */
  readonly writes?: (table: W) => void;
  get<N extends TableName>(table: N, key: TableKey<N>): Promise<TableItemMap[N] | undefined>;
  /** Writes the item; returns false (writing nothing) when the condition does not hold. */
  put<N extends W>(table: N, item: ItemToWrite<N>, condition?: WriteCondition): Promise<boolean>;
  /** Writes many items unconditionally (batched to the backend's limits). */
  putMany<N extends W>(table: N, items: readonly ItemToWrite<N>[]): Promise<void>;
  /** Writes every item or none: false (writing nothing) when any condition does not hold; at most 100 writes. */
  transact(writes: readonly TableWrite<W>[]): Promise<boolean>;
  delete<N extends W>(table: N, key: TableKey<N>): Promise<void>;
  /** Deletes many items unconditionally (batched to the backend's limits). */
  deleteMany<N extends W>(table: N, keys: readonly TableKey<N>[]): Promise<void>;
  /** One page of the items a query matches. */
  query<N extends TableName>(table: N, query: TableQuery<N>): Promise<Page<TableItemMap[N]>>;
  /** One page of the whole table. */
  scan<N extends TableName>(table: N, options?: ScanOptions): Promise<Page<TableItemMap[N]>>;
  /** Every item of a table, read a page (`pageSize`, default 1000) at a time. */
  scanAll<N extends TableName>(table: N, options?: { readonly pageSize?: number }): AsyncIterable<TableItemMap[N]>;
  /**
   * Every item of a table in the pages it is read in (`pageSize`, default 1000; no empty pages), for a
   * consumer that works a batch at a time: an async step per page, where `scanAll` takes one per item.
   */
  scanPages<N extends TableName>(table: N, options?: { readonly pageSize?: number }): AsyncIterable<TableItemMap[N][]>;
  /** Every item a query matches, read a page (`query.limit`, default 100) at a time. */
  queryAll<N extends TableName>(table: N, query: WholeQuery<N>): AsyncIterable<TableItemMap[N]>;
}

/** The most writes one `TableStore.transact` takes (the TransactWriteItems limit). */
export const MAX_TRANSACTION_WRITES = 100;
