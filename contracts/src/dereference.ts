import { dirname, resolve } from 'node:path';
import { readJson } from './schema-files.js';

/**
 * Inlines relative file `$ref`s (e.g. `../../meta.schema.json`, or a part of another schema:
 * `../../email.classified/v1/schema.json#/properties/data/properties/mailbox`) so two versions of a schema
 * can be compared as one tree. References are resolved against the folder of the file that holds them.
 */
export function dereferenceFile(path: string): unknown {
  return inline(readJson(path), dirname(path));
}

function inline(node: unknown, folder: string): unknown {
  if (Array.isArray(node)) return node.map((item) => inline(item, folder));
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  if (typeof record.$ref === 'string' && !record.$ref.startsWith('#')) {
    const [file = '', pointer = ''] = record.$ref.split('#');
    const target = resolve(folder, file);
    return inline(pointedAt(readJson(target), pointer), dirname(target));
  }
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, inline(value, folder)]));
}

/** The node a JSON pointer (RFC 6901, e.g. `/properties/data`) names in a document; '' is the document. */
function pointedAt(document: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, token) => {
      if (typeof node !== 'object' || node === null || !(token in node)) throw new Error(`$ref pointer '${pointer}' names nothing`);
      return (node as Record<string, unknown>)[token];
    }, document);
}
