/**
 * Generates `src/generated/vocabulary.ts` (stages, sources and the other shared enum lists) from the
 * schemas. Run with `npm run generate -w @jobpipe/contracts`; a test fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { renderVocabularyModule, VOCABULARY_MODULE_PATH } from '../src/vocabulary/vocabulary-generator.js';

writeFileSync(VOCABULARY_MODULE_PATH, renderVocabularyModule());
console.log(`wrote ${VOCABULARY_MODULE_PATH}`);
