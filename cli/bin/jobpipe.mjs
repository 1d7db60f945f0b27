#!/usr/bin/env node
// Entry of the `jobpipe` bin (`npx jobpipe …`, `npm run jobpipe -- …`): runs the built bundle in this process
// when it is fresh (`npm run build`, `npm start`), else the TypeScript sources through tsx.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isBundleFresh } from './bundle-freshness.mjs';

const cliDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(cliDir, 'dist', 'main.js');
if (isBundleFresh(join(cliDir, '..', 'dist'), [bundle])) {
  await import(pathToFileURL(bundle).href);
} else {
  const sources = join(cliDir, 'src', 'main.ts');
  const result = spawnSync(process.execPath, ['--import', 'tsx', sources, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
