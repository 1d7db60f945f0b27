import { dirname, join, relative } from 'node:path';
import { eventSchemaFiles, SCHEMAS_DIR, sharedSchemaFiles } from './schema-files.js';

/** Where the generated schema module lives. */
export const SCHEMA_MODULE_PATH = join(SCHEMAS_DIR, '..', 'src', 'generated', 'schemas.ts');

const BANNER = '/* Generated from contracts/schemas by scripts/generate-schema-module.ts. Do not edit by hand. */';

/** `defs/config.schema.json` → `defsConfig`; `job.scraped/v1/schema.json` → `jobScrapedV1`. */
function identifierOf(schemaPath: string): string {
  const words = relative(SCHEMAS_DIR, schemaPath)
    .replace(/(\/|\.)schema\.json$/, '')
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean);
  return words.map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('');
}

/**
 * Renders `src/generated/schemas.ts`: a JSON import of every schema file, gathered into the catalog
 * the contract registry compiles. The JSON files stay the source of truth; importing them (rather
 * than reading them from disk) lets a bundler such as esbuild carry them inside a Lambda bundle.
 */
export function renderSchemaModule(): string {
  const importPath = (schemaPath: string) => relative(dirname(SCHEMA_MODULE_PATH), schemaPath);
  const shared = sharedSchemaFiles();
  const events = eventSchemaFiles();
  const imports = [...shared, ...events.map((file) => file.path)].map(
    (path) => `import ${identifierOf(path)} from '${importPath(path)}' with { type: 'json' };`,
  );
  const eventEntries = events.map(
    (file) => `    { detailType: '${file.detailType}', major: ${file.major}, schema: ${identifierOf(file.path)} },`,
  );
  return [
    BANNER,
    "import type { SchemaCatalog } from '../schema-catalog.js';",
    ...imports,
    '',
    '/** Every schema of the contracts package, as imported from its JSON file. */',
    'export const SCHEMA_CATALOG: SchemaCatalog = {',
    `  shared: [${shared.map(identifierOf).join(', ')}],`,
    '  events: [',
    ...eventEntries,
    '  ],',
    '};',
    '',
  ].join('\n');
}
