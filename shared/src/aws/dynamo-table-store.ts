import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { type TableDefinition, tableDefinition } from '@jobpipe/contracts';
import { TransientError } from '../errors.js';
import {
  type Item,
  type ItemQuery,
  type ItemStore,
  type ItemWrite,
  MAX_TRANSACTION_WRITES,
  type Page,
  type ScanOptions,
  type WriteCondition,
} from '../ports/tables.js';
import { GatheringTurn } from '../runtime/gathering-turn.js';
import { BatchedItemReader } from './batched-item-reader.js';
import { toDynamoCondition } from './dynamo-conditions.js';
import { type KeyedTransactItem, TransactionGatherer } from './gathered-transactions.js';
import { type RetryPolicy, retryFailedSubset } from './retry-failed-subset.js';

/** Options of the DynamoDB table store. */
export interface DynamoTableStoreOptions {
  readonly documents: DynamoDBDocumentClient;
  /** DynamoDB name of a table of the definitions (`<prefix>-<table>`). */
  readonly tableName: (table: string) => string;
  /** Backoff of the retries of unprocessed BatchWrite items. */
  readonly retry?: RetryPolicy;
}

/** BatchWriteItem takes at most 25 requests. */
const BATCH_WRITE_LIMIT = 25;
const DEFAULT_RETRY: RetryPolicy = { retries: 8, minTimeoutMs: 50, maxTimeoutMs: 2000 };

type Key = Record<string, string>;
type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Key } };

function keyValue(item: Item, attribute: string, table: string): string {
  const value = item[attribute];
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`table '${table}': key attribute '${attribute}' must be a non-empty string`);
  }
  return value;
}

/** The primary key of an item (validated like the embedded adapter does). */
function keyOf(definition: TableDefinition, item: Item, table: string): Key {
  const key: Key = { [definition.partitionKey]: keyValue(item, definition.partitionKey, table) };
  if (definition.sortKey) key[definition.sortKey] = keyValue(item, definition.sortKey, table);
  return key;
}

/** A key to resume after `item`: its primary key plus, on an index, the index key. */
function resumeKeyOf(definition: TableDefinition, item: Item, index: string | undefined): Item {
  const names = [definition.partitionKey, definition.sortKey];
  if (index) names.push(definition.indexes[index]!.partitionKey, definition.indexes[index]!.sortKey);
  return Object.fromEntries(names.filter((name): name is string => name !== undefined).map((name) => [name, item[name]]));
}

const encodeCursor = (key: Item) => Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeCursor(cursor: string): Item {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Item;
  } catch {
    throw new TypeError('invalid page cursor');
  }
}

/**
 * Tables on DynamoDB through lib-dynamodb. Conditions become ConditionExpressions (a failed check
 * returns false), pages hold exactly `limit` items with an opaque cursor (the ExclusiveStartKey of the
 * next page) only when more items exist, reads of the base table are strongly consistent (reads by
 * key asked together go out as one BatchGetItem: `BatchedItemReader`), and `putMany` writes in
 * BatchWrite requests of 25, retrying unprocessed items with backoff.
 */
export class DynamoTableStore implements ItemStore {
  private readonly reader: BatchedItemReader;
  private readonly transactions: TransactionGatherer;

  constructor(private readonly options: DynamoTableStoreOptions) {
    this.reader = new BatchedItemReader(options.documents, options.retry ?? DEFAULT_RETRY);
    this.transactions = new TransactionGatherer(options.documents);
  }

  async get(table: string, key: Item): Promise<Item | undefined> {
    return this.reader.get(this.options.tableName(table), keyOf(tableDefinition(table), key, table));
  }

  /** A put; inside a turn of handlers (`GatheringTurn`) it is gathered with the turn's commits into one transaction. */
  async put(table: string, item: Item, condition?: WriteCondition): Promise<boolean> {
    const write = this.keyedWrite({ table, item, ...(condition ? { condition } : {}) });
    if (GatheringTurn.current()) return this.transactions.commit([write]);
    try {
      await this.options.documents.send(new PutCommand({ ...write.item.Put! }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async putMany(table: string, items: readonly Item[]): Promise<void> {
    const definition = tableDefinition(table);
    // One BatchWrite may not hold a key twice: keep the last write of each key, as sequential puts would.
    const lastByKey = new Map<string, Item>();
    for (const item of items) lastByKey.set(JSON.stringify(Object.values(keyOf(definition, item, table))), item);
    const requests: WriteRequest[] = [...lastByKey.values()].map((item) => ({ PutRequest: { Item: item } }));
    for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) {
      await this.batchWrite(table, requests.slice(start, start + BATCH_WRITE_LIMIT));
    }
  }

  /**
   * One TransactWriteItems: conditions become ConditionExpressions, and a transaction cancelled because
   * one of them failed returns false (nothing was written). Inside a turn of handlers the turn's commits
   * go out together (`TransactionGatherer`), each keeping its own answer.
   */
  async transact(writes: readonly ItemWrite[]): Promise<boolean> {
    if (writes.length > MAX_TRANSACTION_WRITES) {
      throw new RangeError(`a transaction takes at most ${MAX_TRANSACTION_WRITES} writes, not ${writes.length}`);
    }
    return this.transactions.commit(writes.map((write) => this.keyedWrite(write)));
  }

  /** A put as one write of a transaction, with the identity of the item it writes and its size. */
  private keyedWrite({ table, item, condition }: ItemWrite): KeyedTransactItem {
    const definition = tableDefinition(table);
    const key = keyOf(definition, item, table);
    const tableName = this.options.tableName(table);
    return {
      item: {
        Put: {
          TableName: tableName,
          Item: item,
          ...(condition ? toDynamoCondition(condition, definition.partitionKey) : {}),
        },
      },
      identity: JSON.stringify([tableName, ...Object.values(key)]),
      bytes: Buffer.byteLength(JSON.stringify(item), 'utf8'),
    };
  }

  async delete(table: string, key: Item): Promise<void> {
    const definition = tableDefinition(table);
    await this.options.documents.send(new DeleteCommand({ TableName: this.options.tableName(table), Key: keyOf(definition, key, table) }));
  }

  async deleteMany(table: string, keys: readonly Item[]): Promise<void> {
    const definition = tableDefinition(table);
    const unique = new Map(keys.map((key) => keyOf(definition, key, table)).map((key) => [JSON.stringify(Object.values(key)), key]));
    const requests: WriteRequest[] = [...unique.values()].map((key) => ({ DeleteRequest: { Key: key } }));
    for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) {
      await this.batchWrite(table, requests.slice(start, start + BATCH_WRITE_LIMIT));
    }
  }

  async query(table: string, query: ItemQuery): Promise<Page<Item>> {
    const definition = tableDefinition(table);
    const keys = query.index ? definition.indexes[query.index] : definition;
    if (!keys) throw new Error(`table '${table}' has no index '${query.index}'`);
    // DynamoDB rejects an inverted BETWEEN; nothing can match it.
    if (query.sortFrom !== undefined && query.sortTo !== undefined && query.sortFrom > query.sortTo) return { items: [] };
    const input = queryInput(this.options.tableName(table), keys.partitionKey, keys.sortKey, query);
    // DynamoDB allows one sort-key condition: with a prefix and a range, the range is applied here.
    const inRange = (item: Item) => {
      if (!query.sortBeginsWith || (query.sortFrom === undefined && query.sortTo === undefined)) return true;
      const sort = String(item[keys.sortKey!]);
      return (query.sortFrom === undefined || sort >= query.sortFrom) && (query.sortTo === undefined || sort <= query.sortTo);
    };
    return this.collectPage(
      query.limit ?? 100,
      query.cursor,
      (startKey, limit) =>
        this.options.documents.send(new QueryCommand({ ...input, Limit: limit, ...(startKey ? { ExclusiveStartKey: startKey } : {}) })),
      inRange,
      (item) => resumeKeyOf(definition, item, query.index),
    );
  }

  async scan(table: string, options: ScanOptions = {}): Promise<Page<Item>> {
    const definition = tableDefinition(table);
    const tableName = this.options.tableName(table);
    return this.collectPage(
      options.limit ?? 1000,
      options.cursor,
      (startKey, limit) =>
        this.options.documents.send(
          new ScanCommand({
            TableName: tableName,
            ConsistentRead: true,
            Limit: limit,
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        ),
      () => true,
      (item) => resumeKeyOf(definition, item, undefined),
    );
  }

  /**
   * Reads until `limit + 1` matching items are in hand or the results end, so the page is full and
   * carries a cursor only when another item exists (DynamoDB pages can be short: 1 MB cap, filters).
   */
  private async collectPage(
    limit: number,
    cursor: string | undefined,
    read: (startKey: Item | undefined, limit: number) => Promise<{ Items?: Item[]; LastEvaluatedKey?: Item }>,
    keep: (item: Item) => boolean,
    resumeKey: (item: Item) => Item,
  ): Promise<Page<Item>> {
    const items: Item[] = [];
    let startKey = cursor ? decodeCursor(cursor) : undefined;
    do {
      const output = await read(startKey, limit + 1 - items.length);
      items.push(...(output.Items ?? []).filter(keep));
      startKey = output.LastEvaluatedKey;
    } while (startKey && items.length <= limit);
    const page = items.slice(0, limit);
    return items.length > limit ? { items: page, cursor: encodeCursor(resumeKey(page[limit - 1]!)) } : { items: page };
  }

  private async batchWrite(table: string, requests: readonly WriteRequest[]): Promise<void> {
    const tableName = this.options.tableName(table);
    const { failed, attempts } = await retryFailedSubset(
      requests,
      async (pending) => {
        const output = await this.options.documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: [...pending] } }));
        return (output.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
      },
      this.options.retry ?? DEFAULT_RETRY,
    );
    if (failed.length > 0) {
      throw new TransientError(
        'TABLE_WRITE_INCOMPLETE',
        `BatchWrite left ${failed.length} item(s) of '${table}' unprocessed after ${attempts} attempts`,
      );
    }
  }
}

/** The Query input of a table query, without paging. */
function queryInput(tableName: string, partitionKey: string, sortKey: string | undefined, query: ItemQuery): QueryCommandInput {
  const names: Record<string, string> = { '#pk': partitionKey };
  const values: Record<string, unknown> = { ':pv': query.partitionValue };
  const conditions = ['#pk = :pv'];
  const hasRange = query.sortFrom !== undefined || query.sortTo !== undefined;
  if (query.sortBeginsWith !== undefined || hasRange) {
    if (!sortKey) throw new Error(`'${query.index ?? tableName}' has no sort key to filter on`);
    names['#sk'] = sortKey;
  }
  if (query.sortBeginsWith !== undefined) {
    conditions.push('begins_with(#sk, :prefix)');
    values[':prefix'] = query.sortBeginsWith;
  } else if (query.sortFrom !== undefined && query.sortTo !== undefined) {
    conditions.push('#sk BETWEEN :from AND :to');
    Object.assign(values, { ':from': query.sortFrom, ':to': query.sortTo });
  } else if (query.sortFrom !== undefined) {
    conditions.push('#sk >= :from');
    values[':from'] = query.sortFrom;
  } else if (query.sortTo !== undefined) {
    conditions.push('#sk <= :to');
    values[':to'] = query.sortTo;
  }
  return {
    TableName: tableName,
    ...(query.index ? { IndexName: query.index } : { ConsistentRead: true }),
    KeyConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ScanIndexForward: !query.descending,
  };
}
