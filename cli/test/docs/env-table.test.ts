import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SERVICE_NAMES } from '@jobpipe/contracts';
import { ENV_SCHEMA_KEYWORDS, type EnvSchema, RUNTIME_ENV_SCHEMA, readEnvConfig } from '@jobpipe/shared';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { REPO_ROOT } from '../../src/config.js';
import { ENV_TABLE_END, ENV_TABLE_START, renderEnvTable } from '../../src/docs/env-table.js';
import { SERVICE_DEFINITIONS } from '../../src/stack/service-definitions.js';

const schemas = async (): Promise<EnvSchema[]> => [
  RUNTIME_ENV_SCHEMA,
  ...(await Promise.all(SERVICE_NAMES.map(async (name) => (await SERVICE_DEFINITIONS[name]()).envSchema))),
];

test('the table of environment variables in docs/running.md is the one the schemas give (run `npm run docs:env`)', async () => {
  const text = readFileSync(join(REPO_ROOT, 'docs', 'running.md'), 'utf8');
  const start = text.indexOf(ENV_TABLE_START);
  assert.ok(start >= 0, 'docs/running.md has the table markers');
  const written = text.slice(start + ENV_TABLE_START.length, text.indexOf(ENV_TABLE_END)).trim();
  assert.equal(written, await renderEnvTable());
});

test('every env schema is a valid JSON Schema that keeps to the keywords the reader knows, and no variable is read by two services', async () => {
  const ajv = new Ajv2020({ strict: true });
  const owners = new Map<string, string>();
  for (const schema of await schemas()) {
    ajv.compile(schema);
    for (const [name, variable] of Object.entries(schema.properties)) {
      for (const keyword of Object.keys(variable)) assert.ok(ENV_SCHEMA_KEYWORDS.includes(keyword), `${name}: '${keyword}'`);
      assert.equal(owners.get(name), undefined, `${name} is in ${owners.get(name)} and ${schema.title}`);
      owners.set(name, schema.title);
    }
  }
});

test('the reader accepts exactly the values Ajv accepts (coercing strings as an environment gives them)', async () => {
  const ajv = new Ajv2020({ strict: true, coerceTypes: true, useDefaults: true });
  const samples = [
    'abc',
    '0',
    '-1',
    '1',
    '1.5',
    '16',
    'true',
    'false',
    '70000',
    'http://localhost:4566',
    'https://sheets.test/',
    'a-long-enough-passphrase',
    'sqlite',
    'my_schema',
  ];
  for (const schema of await schemas()) {
    const validate = ajv.compile(schema);
    for (const [name, variable] of Object.entries(schema.properties)) {
      for (const raw of samples) {
        const document: Record<string, unknown> = { [name]: raw };
        const ajvAccepts = validate(document);
        let readerValue: unknown;
        let readerAccepts = true;
        try {
          readerValue = readEnvConfig(schema, { [name]: raw })[name];
        } catch {
          readerAccepts = false;
        }
        assert.equal(readerAccepts, ajvAccepts, `${name}='${raw}' (${variable.type})`);
        if (ajvAccepts) assert.deepEqual(readerValue, document[name], `${name}='${raw}' reads as Ajv coerces it`);
      }
    }
  }
});
