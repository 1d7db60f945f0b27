import { dirname, resolve } from 'node:path';
import { readJson } from './schema-files.js';

/**
 * Inlines relative file `$ref`s (e.g. `../../meta.schema.json`) so two versions of a schema can be
 * compared as one tree. References are resolved against the folder of the file that holds them.
 */
export function dereferenceFile(path: string): unknown {
  return inline(readJson(path), dirname(path));
}

function inline(node: unknown, folder: string): unknown {
  if (Array.isArray(node)) return node.map((item) => inline(item, folder));
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  if (typeof record.$ref === 'string' && !record.$ref.startsWith('#')) {
    const target = resolve(folder, record.$ref);
    return inline(readJson(target), dirname(target));
  }
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, inline(value, folder)]));
}
