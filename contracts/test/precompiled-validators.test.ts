import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { ValidateFunction } from 'ajv';
import type { ContractValidator, ContractValidators } from '../src/contract-validator.js';
import { SCHEMA_CATALOG } from '../src/generated/schemas.js';
import { DEFINITION_VALIDATORS, type DefinitionName, TABLE_VALIDATORS } from '../src/generated/validators.js';
import {
  ContractRegistry,
  contracts,
  eventSchemaFiles,
  readJson,
  type TableName,
  tableSchemaFiles,
  type ValidationResult,
} from '../src/index.js';
import { schemaCompiler } from '../src/schema-compiler.js';
import { SCHEMA_ID_BASE } from '../src/schema-identifier.js';

/** A registry over validators Ajv compiles at run time from the same schemas and options, as the registry did before. */
function runTimeCompiledRegistry(): ContractRegistry {
  const ajv = schemaCompiler(SCHEMA_CATALOG);
  const compiled = (id: string): ContractValidator => {
    const validate = ajv.getSchema(id);
    assert.ok(validate, `Ajv knows ${id}`);
    return validate as ValidateFunction;
  };
  const definitionNames = Object.keys(DEFINITION_VALIDATORS) as DefinitionName[];
  return new ContractRegistry({
    events: SCHEMA_CATALOG.events.map(({ detailType, major, schema }) => ({ detailType, major, validate: compiled(String(schema.$id)) })),
    definitions: Object.fromEntries(
      definitionNames.map((name) => [name, compiled(`${SCHEMA_ID_BASE}defs/${name}.schema.json`)]),
    ) as ContractValidators['definitions'],
    tables: Object.fromEntries(
      (Object.keys(TABLE_VALIDATORS) as TableName[]).map((table) => [table, compiled(`${SCHEMA_ID_BASE}tables/${table}/schema.json`)]),
    ) as ContractValidators['tables'],
  });
}

const precompiled = contracts();
const reference = runTimeCompiledRegistry();

type Path = readonly (string | number)[];

/** Values that break most schema keywords somewhere: type, format, pattern, enum, bounds, lengths, required fields. */
const WRONG_VALUES: readonly unknown[] = [null, true, 0, -1, 1.5, 1e12, '', 'not-a-date', 'x'.repeat(5000), [], ['x'], {}, { stray: 1 }];

/** The path of every value nested in `value` (the root excluded). */
function nestedPaths(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...nestedPaths(child, path)];
  });
}

/** A deep copy of `value` with the node at `path` replaced, or deleted when `replacement` is `undefined`. */
function withNode(value: unknown, path: Path, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  const parent = path.slice(0, -1).reduce((node, key) => node[key] as Record<string | number, unknown>, copy);
  const last = path[path.length - 1]!;
  if (replacement === undefined) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

/** A value to validate, and what to call it when the registries disagree on it. */
interface LabelledValue {
  readonly label: string;
  readonly value: unknown;
}

/** Invalid variants of `value`: each nested value deleted or replaced by each wrong value, and a stray property at the root. */
function variantsOf(value: unknown): LabelledValue[] {
  const variants: LabelledValue[] = [{ label: 'stray root property', value: { ...(value as object), stray: true } }];
  for (const path of nestedPaths(value)) {
    const at = `/${path.join('/')}`;
    variants.push({ label: `${at} deleted`, value: withNode(value, path, undefined) });
    for (const wrong of WRONG_VALUES) {
      variants.push({ label: `${at} = ${JSON.stringify(wrong).slice(0, 20)}`, value: withNode(value, path, wrong) });
    }
  }
  return variants;
}

/** Values no schema here accepts: not objects, or empty ones. */
const BARE_VALUES: readonly unknown[] = [null, 'text', 42, [], {}];

/** Checks both registries give the same result for every value; returns how many each verdict got. */
function assertSameResults(
  values: readonly LabelledValue[],
  validateWith: (registry: ContractRegistry, value: unknown) => ValidationResult,
): { accepted: number; rejected: number } {
  let accepted = 0;
  for (const { label, value } of values) {
    const result = validateWith(precompiled, value);
    assert.deepEqual(result, validateWith(reference, value), label);
    if (result.ok) accepted++;
  }
  return { accepted, rejected: values.length - accepted };
}

/**
 * Every example of a schema, valid and invalid, labelled with its file name: an invalid example holds
 * the value under `detail` (events) or `item` (table items).
 */
function examplesOf(schemaPath: string): LabelledValue[] {
  const folder = join(schemaPath, '..', 'examples');
  return readdirSync(folder)
    .sort()
    .map((name) => {
      const example = readJson<{ detail?: unknown; item?: unknown }>(join(folder, name));
      return { label: name, value: name.startsWith('invalid-') ? (example.detail ?? example.item) : example };
    });
}

describe('precompiled validators give the verdicts and error messages of validators compiled at run time', () => {
  for (const file of eventSchemaFiles()) {
    test(`${file.detailType} v${file.major}: every example and invalid variants of it`, () => {
      const examples = examplesOf(file.path);
      const values = [
        ...examples,
        ...examples.flatMap(({ label, value }) =>
          variantsOf(value).map((variant) => ({ ...variant, label: `${label}: ${variant.label}` })),
        ),
        ...BARE_VALUES.map((value) => ({ label: JSON.stringify(value), value })),
      ];
      const { accepted, rejected } = assertSameResults(values, (registry, value) => registry.validate(file.detailType, value));
      assert.ok(accepted > 0 && rejected > 0, `${accepted} accepted, ${rejected} rejected`);
    });
  }

  for (const file of tableSchemaFiles()) {
    test(`tables/${file.table}: every example and invalid variants of it`, () => {
      const examples = examplesOf(file.path);
      const values = [
        ...examples,
        ...examples.flatMap(({ label, value }) =>
          variantsOf(value).map((variant) => ({ ...variant, label: `${label}: ${variant.label}` })),
        ),
        ...BARE_VALUES.map((value) => ({ label: JSON.stringify(value), value })),
      ];
      const table = file.table as TableName;
      const { accepted, rejected } = assertSameResults(values, (registry, value) => registry.validateTableItem(table, value));
      assert.ok(accepted > 0 && rejected > 0, `${accepted} accepted, ${rejected} rejected`);
    });
  }

  /** One import row with every optional field, as no event example carries import rows. */
  const IMPORT_ROW = {
    externalId: 'row-1',
    title: 'Data engineer',
    company: 'Acme',
    url: 'https://jobs.example.com/1',
    location: 'Berlin',
    remote: true,
    description: 'Pipelines.',
    salaryMin: 60000,
    salaryMax: 80000,
    salaryCurrency: 'EUR',
    salaryPeriod: 'year',
    employmentType: 'full-time',
    skills: ['sql'],
    experienceYearsMin: 3,
    postedAt: '2026-11-20T08:15:00.000Z',
  };

  /** Every object nested in the valid examples: where the configs and normalized jobs of the examples are. */
  const nestedObjects = eventSchemaFiles().flatMap((file) =>
    examplesOf(file.path)
      .filter(({ label }) => label.startsWith('valid-'))
      .flatMap(({ label, value }) =>
        nestedPaths(value).map((path) => ({
          label: `${label} /${path.join('/')}`,
          value: path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value),
        })),
      )
      .filter(({ value }) => typeof value === 'object' && value !== null),
  );

  /** The inbox's mailbox list (an environment variable, carried by no event), one mailbox with every field. */
  const INBOX_MAILBOXES = [
    {
      name: 'personal',
      host: 'imap.example.org',
      port: 993,
      tls: true,
      user: 'alex@example.org',
      folder: 'INBOX',
      watch: true,
      passwordSecret: 'inbox/personal',
      since: '2026-11-01',
    },
  ];

  for (const name of Object.keys(DEFINITION_VALIDATORS) as DefinitionName[]) {
    test(`defs/${name}: the objects of the examples and invalid variants of those it accepts`, () => {
      const candidates = [
        { label: 'import row', value: IMPORT_ROW },
        { label: 'inbox mailboxes', value: INBOX_MAILBOXES },
        ...nestedObjects,
      ];
      const instances = candidates.filter(({ value }) => reference.validateDefinition(name, value).ok);
      assert.ok(instances.length > 0, `some example holds a valid ${name}`);
      const values = [
        ...candidates,
        ...instances.flatMap(({ value }) => variantsOf(value)),
        ...BARE_VALUES.map((value) => ({ label: JSON.stringify(value), value })),
      ];
      const { rejected } = assertSameResults(values, (registry, value) => registry.validateDefinition(name, value));
      assert.ok(rejected > 0);
    });
  }
});

test('loading the package and validating events loads none of Ajv but its run-time helpers', () => {
  const packageEntry = pathToFileURL(join(import.meta.dirname, '..', 'src', 'index.ts')).href;
  const [file] = eventSchemaFiles();
  const detail = readJson(join(file!.path, '..', 'examples', 'valid-basic.json'));
  const script = [
    "import { createRequire } from 'node:module';",
    `const { contracts } = await import(${JSON.stringify(packageEntry)});`,
    `const result = contracts().validate(${JSON.stringify(file!.detailType)}, ${JSON.stringify(detail)});`,
    "const loaded = Object.keys(createRequire(process.cwd() + '/').cache);",
    'console.log(JSON.stringify({ result, loaded }));',
  ].join('\n');
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const { result, loaded } = JSON.parse(run.stdout) as { result: ValidationResult; loaded: string[] };
  assert.deepEqual(result, { ok: true });
  const ajvFiles = loaded
    .filter((path) => /\/node_modules\/ajv(-formats)?\//.test(path))
    .map((path) => path.replace(/.*\/node_modules\//, ''));
  assert.ok(ajvFiles.length > 0, 'the validators load their run-time helpers');
  assert.deepEqual(
    ajvFiles.filter((path) => !path.startsWith('ajv/dist/runtime/') && path !== 'ajv-formats/dist/formats.js'),
    [],
  );
});
