import type { TableName } from '@jobpipe/contracts';
import type { Item, TableStore } from '@jobpipe/shared';

/** Reads a whole operational table one page at a time, so memory stays bounded by the page size. */
export async function* tablePages(tables: TableStore, table: TableName, pageSize: number): AsyncGenerator<Item[]> {
  let cursor: string | undefined;
  do {
    const page = await tables.scan(table, cursor ? { limit: pageSize, cursor } : { limit: pageSize });
    if (page.items.length > 0) yield page.items;
    cursor = page.cursor;
  } while (cursor);
}
