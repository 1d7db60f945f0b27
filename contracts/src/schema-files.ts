import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventSchema, TableSchema } from './schema-catalog.js';

/** Folder holding every schema file of the contracts package. */
export const SCHEMAS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas');

/** One event schema on disk: a detail-type at one major version, and the file it came from. */
export interface EventSchemaFile extends EventSchema {
  readonly path: string;
}

/** One table-item schema on disk, and the file it came from. */
export interface TableSchemaFile extends TableSchema {
  readonly path: string;
}

/** Folders below the schemas folder that hold no event: shared definitions and table items. */
const NOT_EVENTS = new Set(['defs', 'tables']);

/** Reads a JSON file. */
export function readJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** The shared schemas (`meta.schema.json`, `defs/*.schema.json`) every event schema may reference. */
export function sharedSchemaFiles(dir = SCHEMAS_DIR): string[] {
  const defs = readdirSync(join(dir, 'defs'))
    .filter((file) => file.endsWith('.schema.json'))
    .sort();
  return [join(dir, 'meta.schema.json'), ...defs.map((file) => join(dir, 'defs', file))];
}

/** Every `<detail-type>/v<major>/schema.json` below the schemas folder. */
export function eventSchemaFiles(dir = SCHEMAS_DIR): EventSchemaFile[] {
  const found: EventSchemaFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || NOT_EVENTS.has(entry.name)) continue;
    for (const version of readdirSync(join(dir, entry.name))) {
      const match = /^v(\d+)$/.exec(version);
      if (!match) continue;
      const path = join(dir, entry.name, version, 'schema.json');
      found.push({ detailType: entry.name, major: Number(match[1]), path, schema: readJson(path) });
    }
  }
  return found.sort((a, b) => a.detailType.localeCompare(b.detailType) || a.major - b.major);
}

/** Every `tables/<table>/schema.json` below the schemas folder, sorted by table name. */
export function tableSchemaFiles(dir = SCHEMAS_DIR): TableSchemaFile[] {
  const tablesDir = join(dir, 'tables');
  return readdirSync(tablesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const path = join(tablesDir, entry.name, 'schema.json');
      return { table: entry.name, path, schema: readJson(path) };
    })
    .sort((a, b) => a.table.localeCompare(b.table));
}
