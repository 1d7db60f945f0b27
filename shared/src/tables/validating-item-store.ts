import { type ContractRegistry, contracts, type TableName } from '@jobpipe/contracts';
import { PermanentError } from '../errors.js';
import type { Item, ItemQuery, ItemStore, ItemWrite, Page, ScanOptions, WriteCondition } from '../ports/tables.js';

/** An item a service tried to write does not match its table's schema. */
export class TableItemInvalid extends PermanentError {
  constructor(
    readonly table: string,
    readonly errors: readonly string[],
  ) {
    super('TABLE_ITEM_INVALID', `an item written to '${table}' does not match tables/${table}/schema.json: ${errors.join('; ')}`);
  }
}

/**
 * An item store that checks every item written against its table's schema
 * (`contracts/schemas/tables/<table>/schema.json`) before the adapter stores it, and refuses the write
 * naming the field otherwise. The embedded ports of tests use it, so every test checks what the code
 * under test writes; a batch or transaction is checked whole before any of it is written.
 */
export class ValidatingItemStore implements ItemStore {
  constructor(
    private readonly items: ItemStore,
    private readonly registry: ContractRegistry = contracts(),
  ) {}

  get(table: string, key: Item): Promise<Item | undefined> {
    return this.items.get(table, key);
  }

  async put(table: string, item: Item, condition?: WriteCondition): Promise<boolean> {
    this.check(table, item);
    return this.items.put(table, item, condition);
  }

  async putMany(table: string, items: readonly Item[]): Promise<void> {
    for (const item of items) this.check(table, item);
    await this.items.putMany(table, items);
  }

  async transact(writes: readonly ItemWrite[]): Promise<boolean> {
    for (const write of writes) this.check(write.table, write.item);
    return this.items.transact(writes);
  }

  delete(table: string, key: Item): Promise<void> {
    return this.items.delete(table, key);
  }

  deleteMany(table: string, keys: readonly Item[]): Promise<void> {
    return this.items.deleteMany(table, keys);
  }

  query(table: string, query: ItemQuery): Promise<Page<Item>> {
    return this.items.query(table, query);
  }

  scan(table: string, options?: ScanOptions): Promise<Page<Item>> {
    return this.items.scan(table, options);
  }

  private check(table: string, item: Item): void {
    const result = this.registry.validateTableItem(table as TableName, item);
    if (!result.ok) throw new TableItemInvalid(table, result.errors);
  }
}
