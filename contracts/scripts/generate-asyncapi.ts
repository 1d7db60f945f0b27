/** Writes contracts/asyncapi.json from the topology and schemas (a test fails when it is stale). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAsyncApiDocument } from '../src/asyncapi.js';

const root = join(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
writeFileSync(join(root, 'asyncapi.json'), `${JSON.stringify(buildAsyncApiDocument(version), null, 2)}\n`);
console.log('wrote asyncapi.json');
