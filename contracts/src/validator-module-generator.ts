import { join } from 'node:path';
import { Name } from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { SCHEMA_CATALOG } from './generated/schemas.js';
import type { JsonSchema } from './schema-catalog.js';
import { schemaCompiler } from './schema-compiler.js';
import { identifierOf, SCHEMA_ID_BASE, schemaPathOf } from './schema-identifier.js';

// ajv/dist/standalone is CommonJS; under NodeNext its default export arrives wrapped.
const standaloneCode = standaloneModule.default;

/** Where the generated validator module lives. */
export const VALIDATOR_MODULE_PATH = join(import.meta.dirname, 'generated', 'validators.js');
/** Where the type declarations of the generated validator module live. */
export const VALIDATOR_DECLARATIONS_PATH = join(import.meta.dirname, 'generated', 'validators.d.ts');

const BANNER = '/* Generated from contracts/schemas by scripts/generate-validators.ts. Do not edit by hand. */';

/** The name the generated code gives ajv-formats' formats; the module imports them under it. */
const FORMATS_NAME = 'fullFormats';

/** How standalone code loads Ajv's run-time helpers, e.g. `require("ajv/dist/runtime/ucs2length")`. */
const RUNTIME_REQUIRE = /require\("ajv\/dist\/runtime\/([a-z0-9_]+)"\)/g;

/** One validator the module exports: its export name and the `$id` of its schema. */
interface ExportedValidator {
  readonly name: string;
  readonly schemaId: string;
}

/** A shared definition (`defs/<name>.schema.json`) with its exported validator. */
interface DefinitionExport extends ExportedValidator {
  readonly definition: string;
}

/** An event schema with its exported validator. */
interface EventExport extends ExportedValidator {
  readonly detailType: string;
  readonly major: number;
}

/** A table-item schema with its exported validator. */
interface TableExport extends ExportedValidator {
  readonly table: string;
}

/** The export of a schema's validator, named after the schema's path (`job.scraped/v1/schema.json` → `jobScrapedV1`). */
function exportOf(schema: JsonSchema): ExportedValidator {
  const path = schemaPathOf(schema);
  return { name: identifierOf(path), schemaId: `${SCHEMA_ID_BASE}${path}` };
}

/** The shared definitions (not `meta.schema.json`, which only event schemas reference), sorted by name. */
function definitionExports(): DefinitionExport[] {
  return SCHEMA_CATALOG.shared.flatMap((schema) => {
    const match = /^defs\/(.+)\.schema\.json$/.exec(schemaPathOf(schema));
    return match ? [{ ...exportOf(schema), definition: match[1]! }] : [];
  });
}

/** The event schemas, sorted by detail-type, then major version. */
function eventExports(): EventExport[] {
  return SCHEMA_CATALOG.events.map(({ detailType, major, schema }) => ({ ...exportOf(schema), detailType, major }));
}

/** The table-item schemas, sorted by table name. */
function tableExports(): TableExport[] {
  return SCHEMA_CATALOG.tables.map(({ table, schema }) => ({ ...exportOf(schema), table }));
}

/**
 * Ajv's standalone code of every event schema and shared definition, one named export each. Referenced
 * schemas (meta, defs) are called rather than inlined (`inlineRefs: false`): the verdicts and errors
 * are the same, and the module is some 40% smaller than with every reference copied into each caller.
 */
function standaloneValidators(exports: readonly ExportedValidator[]): string {
  const ajv = schemaCompiler(SCHEMA_CATALOG, {
    inlineRefs: false,
    code: { source: true, esm: true, lines: true, formats: new Name(FORMATS_NAME) },
  });
  return standaloneCode(ajv, Object.fromEntries(exports.map(({ name, schemaId }) => [name, schemaId])));
}

/**
 * Turns standalone code into an ES module node runs as it is: the `"use strict"` prologue goes (ES
 * modules are strict), and what it `require`s becomes an import with an explicit `.js` path, because
 * the service bundles leave npm packages to plain node ESM resolution.
 */
function asEsModule(code: string): string {
  const body = code.replace(/^"use strict";\n?/, '');
  const runtimeHelpers = [...new Set([...body.matchAll(RUNTIME_REQUIRE)].map((match) => match[1]!))].sort();
  const imports = [
    ...(body.includes(FORMATS_NAME) ? [`import { ${FORMATS_NAME} } from "ajv-formats/dist/formats.js";`] : []),
    ...runtimeHelpers.map((helper) => `import ${runtimeHelperName(helper)} from "ajv/dist/runtime/${helper}.js";`),
  ];
  const rewritten = body.replace(RUNTIME_REQUIRE, (_match, helper: string) => runtimeHelperName(helper));
  if (/\brequire\(/.test(rewritten)) throw new Error('standalone code requires a module the generator does not import');
  return [...imports, rewritten.trimEnd()].join('\n');
}

/** `ucs2length` → `ajvRuntimeUcs2length` (a name the standalone code does not use itself). */
function runtimeHelperName(helper: string): string {
  return `ajvRuntime${helper[0]!.toUpperCase()}${helper.slice(1)}`;
}

/**
 * Renders `src/generated/validators.js`: Ajv's standalone code of every event schema (`jobScrapedV1`, …)
 * and shared definition (`defsConfig`, …), compiled with the options the contracts have always been
 * validated with, followed by the two tables the contract registry reads. Services import plain
 * functions, so they neither load Ajv nor compile schemas when they start.
 */
export function renderValidatorModule(): string {
  const events = eventExports();
  const definitions = definitionExports();
  const tables = tableExports();
  return [
    BANNER,
    asEsModule(standaloneValidators([...events, ...definitions, ...tables])),
    '',
    '/** Every event validator, sorted by detail-type, then major version. */',
    'export const EVENT_VALIDATORS = [',
    ...events.map(({ detailType, major, name }) => `  { detailType: ${JSON.stringify(detailType)}, major: ${major}, validate: ${name} },`),
    '];',
    '',
    "/** Every shared definition's validator, by name (`defs/<name>.schema.json`). */",
    'export const DEFINITION_VALIDATORS = {',
    ...definitions.map(({ definition, name }) => `  ${JSON.stringify(definition)}: ${name},`),
    '};',
    '',
    "/** Every table's item validator, by table name (`tables/<table>/schema.json`). */",
    'export const TABLE_VALIDATORS = {',
    ...tables.map(({ table, name }) => `  ${JSON.stringify(table)}: ${name},`),
    '};',
    '',
  ].join('\n');
}

/** Renders `src/generated/validators.d.ts`, the types of what {@link renderValidatorModule} exports. */
export function renderValidatorDeclarations(): string {
  const events = eventExports();
  const definitions = definitionExports();
  const tables = tableExports();
  return [
    BANNER,
    "import type { ContractValidator, EventValidator } from '../contract-validator.js';",
    "import type { TableName } from '../tables.js';",
    '',
    ...events.map(
      ({ detailType, major, name }) =>
        `/** Validates the detail of a \`${detailType}\` v${major} event. */\nexport declare const ${name}: ContractValidator;`,
    ),
    ...definitions.map(
      ({ definition, name }) =>
        `/** Validates a value against \`defs/${definition}.schema.json\`. */\nexport declare const ${name}: ContractValidator;`,
    ),
    ...tables.map(
      ({ table, name }) => `/** Validates an item of the \`${table}\` table. */\nexport declare const ${name}: ContractValidator;`,
    ),
    '',
    '/** The name of a shared definition: `defs/<name>.schema.json`. */',
    `export type DefinitionName = ${definitions.map(({ definition }) => `'${definition}'`).join(' | ')};`,
    '',
    '/** Every event validator, sorted by detail-type, then major version. */',
    'export declare const EVENT_VALIDATORS: readonly EventValidator[];',
    '',
    "/** Every shared definition's validator, by name (`defs/<name>.schema.json`). */",
    'export declare const DEFINITION_VALIDATORS: Readonly<Record<DefinitionName, ContractValidator>>;',
    '',
    "/** Every table's item validator, by table name (`tables/<table>/schema.json`). */",
    'export declare const TABLE_VALIDATORS: Readonly<Record<TableName, ContractValidator>>;',
    '',
  ].join('\n');
}
