import { dirname, join, relative } from 'node:path';
import { eventSchemaFiles, SCHEMAS_DIR, sharedSchemaFiles, tableSchemaFiles } from './schema-files.js';
import { identifierOf } from './schema-identifier.js';

/** Where the generated schema module lives. */
export const SCHEMA_MODULE_PATH = join(SCHEMAS_DIR, '..', 'src', 'generated', 'schemas.ts');

const BANNER = '/* Generated from contracts/schemas by scripts/generate-schema-module.ts. Do not edit by hand. */';

/** The identifier a schema file is imported as (`job.scraped/v1/schema.json` → `jobScrapedV1`). */
const identifierOfFile = (schemaPath: string) => identifierOf(relative(SCHEMAS_DIR, schemaPath));

/**
 * Renders `src/generated/schemas.ts`: a JSON import of every schema file, gathered into the catalog
 * that `scripts/generate-validators.ts` precompiles. The JSON files stay the source of truth.
 */
export function renderSchemaModule(): string {
  const importPath = (schemaPath: string) => relative(dirname(SCHEMA_MODULE_PATH), schemaPath);
  const shared = sharedSchemaFiles();
  const events = eventSchemaFiles();
  const tables = tableSchemaFiles();
  const imports = [...shared, ...events.map((file) => file.path), ...tables.map((file) => file.path)].map(
    (path) => `import ${identifierOfFile(path)} from '${importPath(path)}' with { type: 'json' };`,
  );
  const eventEntries = events.map(
    (file) => `    { detailType: '${file.detailType}', major: ${file.major}, schema: ${identifierOfFile(file.path)} },`,
  );
  return [
    BANNER,
    "import type { SchemaCatalog } from '../schema-catalog.js';",
    ...imports,
    '',
    '/** Every schema of the contracts package, as imported from its JSON file. */',
    'export const SCHEMA_CATALOG: SchemaCatalog = {',
    `  shared: [${shared.map(identifierOfFile).join(', ')}],`,
    '  events: [',
    ...eventEntries,
    '  ],',
    '  tables: [',
    ...tables.map((file) => `    { table: '${file.table}', schema: ${identifierOfFile(file.path)} },`),
    '  ],',
    '};',
    '',
  ].join('\n');
}
