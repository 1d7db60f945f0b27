/**
 * Records the current schemas as released (contracts/released/). From then on the compatibility test
 * holds every schema of the same major version to additive, optional-only changes.
 */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS_DIR } from '../src/schema-files.js';

const released = join(import.meta.dirname, '..', 'released');
rmSync(released, { recursive: true, force: true });
cpSync(SCHEMAS_DIR, released, { recursive: true, filter: (source) => !source.includes('/examples') });
console.log(`released schemas copied to ${released}`);
