/**
 * Compiles the skills vocabulary (services/parser/vocabulary/*.tsv, see its README) into
 * src/domain/skills/vocabulary.json, which the parser imports. Run after editing a vocabulary file:
 * `npm run vocabulary -w @jobpipe/parser` (a test fails while the JSON is stale).
 */
import { writeFileSync } from 'node:fs';
import { compiledVocabulary, VOCABULARY_JSON } from './vocabulary-files.js';

const compiled = compiledVocabulary();
writeFileSync(VOCABULARY_JSON, compiled.text);
console.log(`wrote ${compiled.count} skills to ${VOCABULARY_JSON}`);
