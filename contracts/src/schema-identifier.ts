import type { JsonSchema } from './schema-catalog.js';

/** Every schema's `$id` is this base followed by the schema's path below `contracts/schemas/`. */
export const SCHEMA_ID_BASE = 'https://schemas.jobpipe.dev/';

/** A schema's path below `contracts/schemas/`, read from its `$id` (`defs/config.schema.json`). */
export function schemaPathOf(schema: JsonSchema): string {
  const id = schema.$id;
  if (typeof id !== 'string' || !id.startsWith(SCHEMA_ID_BASE)) throw new Error(`schema $id ${String(id)} is not below ${SCHEMA_ID_BASE}`);
  return id.slice(SCHEMA_ID_BASE.length);
}

/**
 * A JavaScript identifier naming a schema, from its path below `contracts/schemas/`:
 * `defs/config.schema.json` → `defsConfig`; `job.scraped/v1/schema.json` → `jobScrapedV1`.
 */
export function identifierOf(schemaPath: string): string {
  const words = schemaPath
    .replace(/(\/|\.)schema\.json$/, '')
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean);
  return words.map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('');
}
