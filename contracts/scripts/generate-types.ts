/**
 * Generates `src/generated/types.ts` from the JSON schemas, so TypeScript types always follow the
 * schemas (never the other way). Run with `npm run generate -w @jobpipe/contracts`; a test fails
 * when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEventTypes } from '../src/type-generator.js';

const target = join(import.meta.dirname, '..', 'src', 'generated', 'types.ts');
writeFileSync(target, await renderEventTypes());
console.log(`wrote ${target}`);
