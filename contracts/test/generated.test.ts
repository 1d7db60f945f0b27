import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildAsyncApiDocument } from '../src/asyncapi.js';
import { SCHEMA_CATALOG } from '../src/generated/schemas.js';
import { eventSchemaFiles, readJson, sharedSchemaFiles, tableSchemaFiles } from '../src/schema-files.js';
import { renderSchemaModule, SCHEMA_MODULE_PATH } from '../src/schema-module-generator.js';
import { renderEventTypes } from '../src/type-generator.js';
import {
  renderValidatorDeclarations,
  renderValidatorModule,
  VALIDATOR_DECLARATIONS_PATH,
  VALIDATOR_MODULE_PATH,
} from '../src/validator-module-generator.js';

const root = join(import.meta.dirname, '..');

test('generated TypeScript types match the schemas (run `npm run generate -w @jobpipe/contracts`)', async () => {
  assert.equal(readFileSync(join(root, 'src', 'generated', 'types.ts'), 'utf8'), await renderEventTypes());
});

test('the generated schema module imports every schema file (run `npm run generate -w @jobpipe/contracts`)', () => {
  assert.equal(readFileSync(SCHEMA_MODULE_PATH, 'utf8'), renderSchemaModule());
});

test('the precompiled validators and their types match the schemas (run `npm run generate -w @jobpipe/contracts`)', () => {
  assert.equal(readFileSync(VALIDATOR_MODULE_PATH, 'utf8'), renderValidatorModule());
  assert.equal(readFileSync(VALIDATOR_DECLARATIONS_PATH, 'utf8'), renderValidatorDeclarations());
});

test('the schema catalog the validators are compiled from holds exactly the schema files on disk', () => {
  assert.deepEqual(
    SCHEMA_CATALOG.shared,
    sharedSchemaFiles().map((path) => readJson(path)),
  );
  assert.deepEqual(
    SCHEMA_CATALOG.events,
    eventSchemaFiles().map(({ detailType, major, schema }) => ({ detailType, major, schema })),
  );
  assert.deepEqual(
    SCHEMA_CATALOG.tables,
    tableSchemaFiles().map(({ table, schema }) => ({ table, schema })),
  );
});

test('asyncapi.json matches the topology and schemas (run `npm run generate -w @jobpipe/contracts`)', () => {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.deepEqual(JSON.parse(readFileSync(join(root, 'asyncapi.json'), 'utf8')), buildAsyncApiDocument(version));
});

test('the AsyncAPI document is a v3 document whose operations all point at declared channels', () => {
  const document = buildAsyncApiDocument('0.0.0') as {
    asyncapi: string;
    channels: Record<string, { address: string }>;
    operations: Record<string, { action: string; channel: { $ref: string } }>;
  };
  assert.equal(document.asyncapi, '3.0.0');
  for (const [name, operation] of Object.entries(document.operations)) {
    assert.ok(['send', 'receive'].includes(operation.action), name);
    const channel = operation.channel.$ref.replace('#/channels/', '');
    assert.ok(document.channels[channel], `${name} points at missing channel ${channel}`);
  }
  assert.ok(Object.keys(document.operations).some((name) => name === 'parser_receives_job_scraped'));
});
