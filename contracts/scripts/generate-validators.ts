/**
 * Generates `src/generated/validators.js` (Ajv's standalone code of every schema) and its type
 * declarations, so services validate events without loading Ajv or compiling schemas at start-up.
 * Run with `npm run generate -w @jobpipe/contracts`; a test fails when the committed files are stale.
 */
import { writeFileSync } from 'node:fs';
import {
  renderValidatorDeclarations,
  renderValidatorModule,
  VALIDATOR_DECLARATIONS_PATH,
  VALIDATOR_MODULE_PATH,
} from '../src/validator-module-generator.js';

writeFileSync(VALIDATOR_MODULE_PATH, renderValidatorModule());
writeFileSync(VALIDATOR_DECLARATIONS_PATH, renderValidatorDeclarations());
console.log(`wrote ${VALIDATOR_MODULE_PATH} and ${VALIDATOR_DECLARATIONS_PATH}`);
