/**
 * Generates `src/generated/schemas.ts`, which imports every schema file so bundles carry the schemas.
 * Run with `npm run generate -w @jobpipe/contracts`; a test fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { renderSchemaModule, SCHEMA_MODULE_PATH } from '../src/schema-module-generator.js';

writeFileSync(SCHEMA_MODULE_PATH, renderSchemaModule());
console.log(`wrote ${SCHEMA_MODULE_PATH}`);
