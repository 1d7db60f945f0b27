import { join } from 'node:path';
import { readJson, SCHEMAS_DIR, type TableItemMap, type TableName } from '@jobpipe/contracts';

/**
 * A valid item of a table, read from its contract's examples (`schemas/tables/<table>/examples/<example>.json`)
 * with the fields a test cares about replaced: tests seed tables with items that pass the schema check the
 * test ports make on every write.
 */
export function exampleTableItem<N extends TableName>(table: N, example: string, fields: Partial<TableItemMap[N]> = {}): TableItemMap[N] {
  const item = readJson<TableItemMap[N]>(join(SCHEMAS_DIR, 'tables', table, 'examples', `${example}.json`));
  return { ...item, ...fields };
}
