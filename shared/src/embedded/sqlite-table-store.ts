import type { Item, Page, TableQuery, TableStore, WriteCondition } from '../ports/tables.js';
import { conditionHolds } from '../tables/conditions.js';
import { TABLES, type TableDefinition, tableDefinition } from '../tables/definitions.js';
import { openSqlite, type SqliteDatabase } from './sqlite.js';

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

const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decodeCursor = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as string[];

/**
 * Tables with DynamoDB semantics in one SQLite file: one SQL table per definition, index columns
 * maintained on write, and conditions checked inside an IMMEDIATE transaction (atomic across processes).
 */
export class SqliteTableStore implements TableStore {
  private readonly db: SqliteDatabase;

  constructor(path: string, definitions: Readonly<Record<string, TableDefinition>> = TABLES) {
    this.db = openSqlite(path);
    for (const [name, definition] of Object.entries(definitions)) this.createTable(name, definition);
  }

  async get<T extends Item>(table: string, key: Item): Promise<T | undefined> {
    const definition = tableDefinition(table);
    const row = this.db
      .prepare(`SELECT doc FROM "t_${table}" WHERE pk = ? AND sk = ?`)
      .get(keyPart(key, definition.partitionKey, table), keyPart(key, definition.sortKey, table)) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : undefined;
  }

  async put(table: string, item: Item, condition?: WriteCondition): Promise<boolean> {
    const definition = tableDefinition(table);
    return this.db
      .transaction(() => {
        if (condition) {
          const current = this.db
            .prepare(`SELECT doc FROM "t_${table}" WHERE pk = ? AND sk = ?`)
            .get(keyPart(item, definition.partitionKey, table), keyPart(item, definition.sortKey, table)) as { doc: string } | undefined;
          if (!conditionHolds(condition, current ? (JSON.parse(current.doc) as Item) : undefined)) return false;
        }
        this.write(table, definition, item);
        return true;
      })
      .immediate();
  }

  async putMany(table: string, items: readonly Item[]): Promise<void> {
    const definition = tableDefinition(table);
    this.db
      .transaction(() => {
        for (const item of items) this.write(table, definition, item);
      })
      .immediate();
  }

  async delete(table: string, key: Item): Promise<void> {
    const definition = tableDefinition(table);
    this.db
      .prepare(`DELETE FROM "t_${table}" WHERE pk = ? AND sk = ?`)
      .run(keyPart(key, definition.partitionKey, table), keyPart(key, definition.sortKey, table));
  }

  async query<T extends Item>(table: string, query: TableQuery): Promise<Page<T>> {
    const definition = tableDefinition(table);
    const limit = query.limit ?? 100;
    const [pkCol, skCol] = query.index ? this.indexColumns(definition, table, query.index) : ['pk', 'sk'];
    const where = [`${pkCol} = @pv`];
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
    const rows = this.db
      .prepare(
        `SELECT pk, sk, ${skCol} AS sortValue, doc FROM "t_${table}" WHERE ${where.join(' AND ')} ORDER BY ${skCol} ${direction}, pk ${direction}, sk ${direction} LIMIT @limit`,
      )
      .all(params) as { pk: string; sk: string; sortValue: string | null; doc: string }[];
    return this.page<T, (typeof rows)[number]>(rows, limit, (row) => [row.sortValue ?? '', row.pk, row.sk]);
  }

  async scan<T extends Item>(table: string, options: { limit?: number; cursor?: string } = {}): Promise<Page<T>> {
    tableDefinition(table);
    const limit = options.limit ?? 1000;
    const [pk, sk] = options.cursor ? decodeCursor(options.cursor) : ['', ''];
    const rows = this.db
      .prepare(`SELECT pk, sk, doc FROM "t_${table}" WHERE (pk, sk) > (?, ?) ORDER BY pk, sk LIMIT ?`)
      .all(pk ?? '', sk ?? '', limit + 1) as { pk: string; sk: string; doc: string }[];
    return this.page<T, (typeof rows)[number]>(rows, limit, (row) => [row.pk, row.sk]);
  }

  close(): void {
    this.db.close();
  }

  private page<T, R extends { doc: string }>(rows: R[], limit: number, cursorOf: (row: R) => string[]): Page<T> {
    const items = rows.slice(0, limit).map((row) => JSON.parse(row.doc) as T);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return last ? { items, cursor: encodeCursor(cursorOf(last)) } : { items };
  }

  private write(table: string, definition: TableDefinition, item: Item): void {
    const indexNames = Object.keys(definition.indexes);
    const columns = ['pk', 'sk', 'doc', ...indexNames.flatMap((_, i) => [`i${i}pk`, `i${i}sk`])];
    const values = [
      keyPart(item, definition.partitionKey, table),
      keyPart(item, definition.sortKey, table),
      JSON.stringify(item),
      ...indexNames.flatMap((name) => {
        const index = definition.indexes[name]!;
        return [indexPart(item, index.partitionKey), indexPart(item, index.sortKey)];
      }),
    ];
    this.db
      .prepare(`INSERT OR REPLACE INTO "t_${table}" (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
      .run(...values);
  }

  private indexColumns(definition: TableDefinition, table: string, index: string): [string, string] {
    const position = Object.keys(definition.indexes).indexOf(index);
    if (position < 0) throw new Error(`table '${table}' has no index '${index}'`);
    return [`i${position}pk`, `i${position}sk`];
  }

  private createTable(name: string, definition: TableDefinition): void {
    const indexNames = Object.keys(definition.indexes);
    const indexColumns = indexNames.map((_, i) => `, i${i}pk TEXT, i${i}sk TEXT`).join('');
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS "t_${name}" (pk TEXT NOT NULL, sk TEXT NOT NULL, doc TEXT NOT NULL${indexColumns}, PRIMARY KEY (pk, sk)) WITHOUT ROWID`,
    );
    indexNames.forEach((_, i) => {
      this.db.exec(`CREATE INDEX IF NOT EXISTS "t_${name}_i${i}" ON "t_${name}" (i${i}pk, i${i}sk, pk, sk) WHERE i${i}pk IS NOT NULL`);
    });
  }
}
