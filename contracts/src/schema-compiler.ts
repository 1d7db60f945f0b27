import { Ajv2020, type Options } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { SchemaCatalog } from './schema-catalog.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** How every contract schema is compiled: all errors reported, strict schemas, `type: [a, b]` allowed. */
export const CONTRACT_AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true } as const satisfies Options;

/**
 * An Ajv instance holding every schema of the catalog, with the formats they use (ajv-formats' full
 * set), to look validators up by `$id`. Development time only (the validator generator and tests):
 * services load the precompiled validators of `src/generated/validators.js` instead.
 * @param options added to {@link CONTRACT_AJV_OPTIONS}, e.g. the `code` options of standalone code
 */
export function schemaCompiler(catalog: SchemaCatalog, options: Options = {}): Ajv2020 {
  const ajv = addFormats(new Ajv2020({ ...CONTRACT_AJV_OPTIONS, ...options }));
  for (const schema of catalog.shared) ajv.addSchema(schema);
  for (const { schema } of catalog.events) ajv.addSchema(schema);
  for (const { schema } of catalog.tables) ajv.addSchema(schema);
  return ajv;
}
