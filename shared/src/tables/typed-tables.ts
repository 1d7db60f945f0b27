import type { TableItemMap, TableName } from '@jobpipe/contracts';
import type {
  Item,
  ItemStore,
  ItemToWrite,
  ItemWrite,
  Page,
  ScanOptions,
  TableKey,
  TableQuery,
  TableStore,
  TableWrite,
  WholeQuery,
  WriteCondition,
} from '../ports/tables.js';
import { everyItem, everyPage } from './async-items.js';

/**
 * The typed face of an item store: every call goes to the adapter as it is, and what comes back has the
 * item type of its table. The adapter stores what it is given; the types (and, in tests, the
 * `ValidatingItemStore`) hold each table's items to their contract.
 */
export class TypedTableStore implements TableStore {
  constructor(
    /** The adapter underneath, for what works on any table (the table-store suite, bootstrap, admin). */
    readonly items: ItemStore,
  ) {}

  async get<N extends TableName>(table: N, key: TableKey<N>): Promise<TableItemMap[N] | undefined> {
    return (await this.items.get(table, key)) as TableItemMap[N] | undefined;
  }

  put<N extends TableName>(table: N, item: ItemToWrite<N>, condition?: WriteCondition): Promise<boolean> {
    return this.items.put(table, item as unknown as Item, condition);
  }

  putMany<N extends TableName>(table: N, items: readonly ItemToWrite<N>[]): Promise<void> {
    return this.items.putMany(table, items as unknown as readonly Item[]);
  }

  transact(writes: readonly TableWrite[]): Promise<boolean> {
    return this.items.transact(writes as unknown as readonly ItemWrite[]);
  }

  delete<N extends TableName>(table: N, key: TableKey<N>): Promise<void> {
    return this.items.delete(table, key);
  }

  deleteMany<N extends TableName>(table: N, keys: readonly TableKey<N>[]): Promise<void> {
    return this.items.deleteMany(table, keys);
  }

  async query<N extends TableName>(table: N, query: TableQuery<N>): Promise<Page<TableItemMap[N]>> {
    return (await this.items.query(table, query)) as unknown as Page<TableItemMap[N]>;
  }

  async scan<N extends TableName>(table: N, options?: ScanOptions): Promise<Page<TableItemMap[N]>> {
    return (await this.items.scan(table, options)) as unknown as Page<TableItemMap[N]>;
  }

  scanAll<N extends TableName>(table: N, options: { readonly pageSize?: number } = {}): AsyncIterable<TableItemMap[N]> {
    return everyItem(this.scanPageReader(table, options));
  }

  scanPages<N extends TableName>(table: N, options: { readonly pageSize?: number } = {}): AsyncIterable<TableItemMap[N][]> {
    return everyPage(this.scanPageReader(table, options));
  }

  /** Reads the page of a whole-table scan that starts at a cursor (`pageSize`, default 1000). */
  private scanPageReader<N extends TableName>(
    table: N,
    options: { readonly pageSize?: number },
  ): (cursor: string | undefined) => Promise<Page<TableItemMap[N]>> {
    const limit = options.pageSize ?? 1000;
    return (cursor) => this.scan(table, cursor ? { limit, cursor } : { limit });
  }

  queryAll<N extends TableName>(table: N, query: WholeQuery<N>): AsyncIterable<TableItemMap[N]> {
    return everyItem((cursor) => this.query(table, cursor ? { ...query, cursor } : query));
  }
}
