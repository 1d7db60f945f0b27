/** `npm run docs:env`: writes the table of environment variables into docs/running.md from the env schemas. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../config.js';
import { renderEnvTable, withEnvTable } from './env-table.js';

const path = join(REPO_ROOT, 'docs', 'running.md');
writeFileSync(path, withEnvTable(readFileSync(path, 'utf8'), await renderEnvTable()));
console.log(`wrote the environment table in ${path}`);
