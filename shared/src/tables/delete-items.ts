import { TABLES, type TableItemMap, type TableName } from '@jobpipe/contracts';
import type { TableKey, TableStore } from '../ports/tables.js';

/** Items deleted per `deleteMany` (and read per page) while sweeping a table. */
const DELETE_BATCH = 500;

/** The primary key of a stored item of table `N` (its partition key, and sort key if the table has one). */
export function keyOf<N extends TableName>(table: N, item: TableItemMap[N]): TableKey<N> {
  const definition: { readonly partitionKey: string; readonly sortKey?: string } = TABLES[table];
  const stored = item as unknown as Record<string, string>;
  const key: Record<string, string> = { [definition.partitionKey]: stored[definition.partitionKey]! };
  if (definition.sortKey) key[definition.sortKey] = stored[definition.sortKey]!;
  return key as TableKey<N>;
}

/**
 * Deletes every item of a table that `which` selects (every item when it is left out), a page at a
 * time, and returns how many it deleted. The cursors follow keys, so deleting behind them skips
 * nothing; running it again deletes only what was written meanwhile.
 */
export async function deleteItems<W extends TableName, N extends W>(
  tables: TableStore<W>,
  table: N,
  which: (item: TableItemMap[N]) => boolean = () => true,
): Promise<number> {
  let deleted = 0;
  for await (const page of tables.scanPages(table, { pageSize: DELETE_BATCH })) {
    const keys = page.filter(which).map((item) => keyOf(table, item));
    if (keys.length > 0) await tables.deleteMany(table, keys);
    deleted += keys.length;
  }
  return deleted;
}
