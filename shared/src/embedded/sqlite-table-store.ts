import { TABLES, type TableDefinition } from '@jobpipe/contracts';
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
import { conditionHolds } from '../tables/conditions.js';
import { GroupedWrites } from './grouped-writes.js';
import { openSqlite, type SqliteDatabase } from './sqlite.js';
import { type PreparingDatabase, withStatementCache } from './statement-cache.js';
import { WriteTransactions } from './write-transactions.js';

function keyPart(item: Item, attribute: string | undefined, table: string): string {
  if (!attribute) return '';
  const value = item[attribute];
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`table '${table}': key attribute '${attribute}' must be a non-empty string`);
  }
  return value;
}

function indexPart(item: Item, attribute: string | undefined): string | null {
  if (!attribute) return null;
  const value = item[attribute];
  return value === undefined || value === null ? null : String(value);
}

/** The two columns that hold an index's key values, named for the index so reordering is harmless. */
function indexColumns(index: string): [string, string] {
  return [`"x_${index}_pk"`, `"x_${index}_sk"`];
}

/** SQL computing an index key value from the stored document, as `indexPart` does for a new item. */
function indexValueSql(attribute: string | undefined): string {
  if (!attribute) return 'NULL';
  const path = `'$."${attribute.replace(/'/g, "''").replace(/"/g, '\\"')}"'`;
  return `CASE json_type(doc, ${path}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(json_extract(doc, ${path}) AS TEXT) END`;
}

/**
 * How many prepared statements the store keeps: a few shapes per table (get, put, delete, scan) and per
 * index query (its range, cursor and order), far below this, so in use none is prepared twice.
 */
const KEPT_STATEMENTS = 512;

const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decodeCursor = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as string[];

/** Options of the SQLite tables. */
export interface SqliteTableStoreOptions {
  /**
   * Commit writes asked for in the same event-loop turn together (see GroupedWrites). Only for a process
   * whose concurrent handlers order their own read-then-write steps: a write no longer commits before
   * the handler yields, so handlers interleave between a read and the write that depends on it.
   */
  readonly groupWrites?: boolean;
}

/**
 * Tables with DynamoDB semantics in one SQLite file: one SQL table per definition, index columns
 * maintained on write, and conditions checked inside an IMMEDIATE transaction (atomic across processes;
 * with `groupWrites`, writes asked for in the same event-loop turn share one).
 */
export class SqliteTableStore implements ItemStore {
  private readonly db: SqliteDatabase;
  /** The file's statements, each prepared once (a handful per table), so hot paths never re-parse SQL. */
  private readonly prepared: PreparingDatabase;
  /** With `groupWrites`, writes of the same event-loop turn share one transaction (concurrent handlers take the lock once). */
  private readonly writes: GroupedWrites | undefined;
  /** IMMEDIATE transactions that wait for the lock in short steps. */
  private readonly transactions: WriteTransactions;

  constructor(
    path: string,
    private readonly definitions: Readonly<Record<string, TableDefinition>> = TABLES,
    options: SqliteTableStoreOptions = {},
  ) {
    this.db = openSqlite(path);
    this.prepared = withStatementCache(this.db, KEPT_STATEMENTS);
    this.transactions = new WriteTransactions(this.db);
    this.writes = options.groupWrites ? new GroupedWrites(this.db, this.transactions) : undefined;
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS table_indexes (table_name TEXT NOT NULL, index_name TEXT NOT NULL, definition TEXT NOT NULL, PRIMARY KEY (table_name, index_name))',
    );
    for (const [name, definition] of Object.entries(definitions)) this.createTable(name, definition);
  }

  async get(table: string, key: Item): Promise<Item | undefined> {
    return this.stored(table, this.definitionOf(table), key);
  }

  async put(table: string, item: Item, condition?: WriteCondition): Promise<boolean> {
    return this.transact([{ table, item, ...(condition ? { condition } : {}) }]);
  }

  async transact(writes: readonly ItemWrite[]): Promise<boolean> {
    if (writes.length > MAX_TRANSACTION_WRITES) {
      throw new RangeError(`a transaction takes at most ${MAX_TRANSACTION_WRITES} writes, not ${writes.length}`);
    }
    const definitions = writes.map((write) => this.definitionOf(write.table));
    return this.writeNow(() => {
      const holds = writes.every(
        (write, i) => !write.condition || conditionHolds(write.condition, this.stored(write.table, definitions[i]!, write.item)),
      );
      if (!holds) return false;
      for (const [i, write] of writes.entries()) this.write(write.table, definitions[i]!, write.item);
      return true;
    });
  }

  async putMany(table: string, items: readonly Item[]): Promise<void> {
    const definition = this.definitionOf(table);
    await this.writeNow(() => {
      for (const item of items) this.write(table, definition, item);
    });
  }

  async delete(table: string, key: Item): Promise<void> {
    await this.deleteMany(table, [key]);
  }

  async deleteMany(table: string, keys: readonly Item[]): Promise<void> {
    const definition = this.definitionOf(table);
    const remove = this.prepared.prepare(`DELETE FROM "t_${table}" WHERE pk = ? AND sk = ?`);
    await this.writeNow(() => {
      for (const key of keys) remove.run(keyPart(key, definition.partitionKey, table), keyPart(key, definition.sortKey, table));
    });
  }

  async query(table: string, query: ItemQuery): Promise<Page<Item>> {
    const definition = this.definitionOf(table);
    const limit = query.limit ?? 100;
    const [pkCol, skColumn] = query.index ? this.indexColumns(definition, table, query.index) : ['pk', 'sk'];
    const where = [`${pkCol} = @pv`];
    // As in DynamoDB, an item lacking an index key attribute is not in that index; an index without a
    // sort key orders by the table key only.
    const indexSortKey = query.index ? definition.indexes[query.index]!.sortKey : undefined;
    if (indexSortKey) where.push(`${skColumn} IS NOT NULL`);
    const skCol = query.index && !indexSortKey ? "''" : skColumn;
    const params: Record<string, unknown> = { pv: query.partitionValue, limit: limit + 1 };
    if (query.sortBeginsWith !== undefined) {
      where.push(`substr(${skCol}, 1, length(@prefix)) = @prefix`);
      params.prefix = query.sortBeginsWith;
    }
    if (query.sortFrom !== undefined) {
      where.push(`${skCol} >= @from`);
      params.from = query.sortFrom;
    }
    if (query.sortTo !== undefined) {
      where.push(`${skCol} <= @to`);
      params.to = query.sortTo;
    }
    const direction = query.descending ? 'DESC' : 'ASC';
    if (query.cursor) {
      const [sk, pk, rowSk] = decodeCursor(query.cursor);
      where.push(`(${skCol}, pk, sk) ${query.descending ? '<' : '>'} (@csk, @cpk, @crowsk)`);
      Object.assign(params, { csk: sk, cpk: pk, crowsk: rowSk });
    }
    const rows = this.prepared
      .prepare(
        `SELECT pk, sk, ${skCol} AS sortValue, doc FROM "t_${table}" WHERE ${where.join(' AND ')} ORDER BY ${skCol} ${direction}, pk ${direction}, sk ${direction} LIMIT @limit`,
      )
      .all(params) as { pk: string; sk: string; sortValue: string | null; doc: string }[];
    return this.page<(typeof rows)[number]>(rows, limit, (row) => [row.sortValue ?? '', row.pk, row.sk]);
  }

  async scan(table: string, options: ScanOptions = {}): Promise<Page<Item>> {
    this.definitionOf(table);
    const limit = options.limit ?? 1000;
    const [pk, sk] = options.cursor ? decodeCursor(options.cursor) : ['', ''];
    const rows = this.prepared
      .prepare(`SELECT pk, sk, doc FROM "t_${table}" WHERE (pk, sk) > (?, ?) ORDER BY pk, sk LIMIT ?`)
      .all(pk ?? '', sk ?? '', limit + 1) as { pk: string; sk: string; doc: string }[];
    return this.page<(typeof rows)[number]>(rows, limit, (row) => [row.pk, row.sk]);
  }

  close(): void {
    this.writes?.flush();
    this.db.close();
  }

  /** Runs synchronous writes in an IMMEDIATE transaction of their own, or in the next group when writes are grouped. */
  private writeNow<T>(write: () => T): Promise<T> {
    if (this.writes) return this.writes.run(write);
    return Promise.resolve(this.transactions.run(write));
  }

  private page<R extends { doc: string }>(rows: R[], limit: number, cursorOf: (row: R) => string[]): Page<Item> {
    const items = rows.slice(0, limit).map((row) => JSON.parse(row.doc) as Item);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return last ? { items, cursor: encodeCursor(cursorOf(last)) } : { items };
  }

  /** The stored item of `table` with the key of `key` (an item or its key attributes), if any. */
  private stored(table: string, definition: TableDefinition, key: Item): Item | undefined {
    const row = this.prepared
      .prepare(`SELECT doc FROM "t_${table}" WHERE pk = ? AND sk = ?`)
      .get(keyPart(key, definition.partitionKey, table), keyPart(key, definition.sortKey, table)) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as Item) : undefined;
  }

  private write(table: string, definition: TableDefinition, item: Item): void {
    const indexNames = Object.keys(definition.indexes);
    const columns = ['pk', 'sk', 'doc', ...indexNames.flatMap((name) => indexColumns(name))];
    const values = [
      keyPart(item, definition.partitionKey, table),
      keyPart(item, definition.sortKey, table),
      JSON.stringify(item),
      ...indexNames.flatMap((name) => {
        const index = definition.indexes[name]!;
        return [indexPart(item, index.partitionKey), indexPart(item, index.sortKey)];
      }),
    ];
    this.prepared
      .prepare(`INSERT OR REPLACE INTO "t_${table}" (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
      .run(...values);
  }

  private definitionOf(table: string): TableDefinition {
    const definition = this.definitions[table];
    if (!definition) throw new Error(`unknown table '${table}' (known: ${Object.keys(this.definitions).join(', ')})`);
    return definition;
  }

  private indexColumns(definition: TableDefinition, table: string, index: string): [string, string] {
    if (!definition.indexes[index]) throw new Error(`table '${table}' has no index '${index}'`);
    return indexColumns(index);
  }

  /**
   * Creates the table, and brings its indexes in line with the definition: an index added (or whose
   * key attributes changed) since the file was written gets its columns and is filled from the stored
   * items, so existing data shows up in it. One IMMEDIATE transaction, so processes starting together
   * do not race.
   */
  private createTable(name: string, definition: TableDefinition): void {
    this.transactions.run(() => {
      this.db.exec(
        `CREATE TABLE IF NOT EXISTS "t_${name}" (pk TEXT NOT NULL, sk TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (pk, sk)) WITHOUT ROWID`,
      );
      const columns = new Set(this.db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(`t_${name}`) as string[]);
      const known = this.db.prepare('SELECT definition FROM table_indexes WHERE table_name = ? AND index_name = ?').pluck();
      for (const [indexName, index] of Object.entries(definition.indexes)) {
        if (!/^[A-Za-z][A-Za-z0-9]*$/.test(indexName)) throw new Error(`table '${name}': index name '${indexName}' must be alphanumeric`);
        const [pkColumn, skColumn] = indexColumns(indexName);
        const wanted = JSON.stringify({ partitionKey: index.partitionKey, sortKey: index.sortKey ?? null });
        if (!columns.has(`x_${indexName}_pk`)) {
          this.db.exec(`ALTER TABLE "t_${name}" ADD COLUMN ${pkColumn} TEXT; ALTER TABLE "t_${name}" ADD COLUMN ${skColumn} TEXT`);
        }
        if (known.get(name, indexName) !== wanted) {
          this.db.exec(
            `UPDATE "t_${name}" SET ${pkColumn} = ${indexValueSql(index.partitionKey)}, ${skColumn} = ${indexValueSql(index.sortKey)}`,
          );
          this.db
            .prepare('INSERT OR REPLACE INTO table_indexes (table_name, index_name, definition) VALUES (?, ?, ?)')
            .run(name, indexName, wanted);
        }
        this.db.exec(
          `CREATE INDEX IF NOT EXISTS "t_${name}_${indexName}" ON "t_${name}" (${pkColumn}, ${skColumn}, pk, sk) WHERE ${pkColumn} IS NOT NULL`,
        );
      }
    });
  }
}
