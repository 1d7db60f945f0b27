/**
 * `npm run build` (and the first step of `npm start`): bundles the CLI and every service into their
 * `dist/` folders, so the stack runs on plain node. Fresh bundles are kept; `--force` rebuilds all.
 */
import { resolve } from 'node:path';
import { buildBundles, cliBundle, serviceBundles } from './stack-bundles.js';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const started = performance.now();
const built = await buildBundles([cliBundle(repoRoot), ...serviceBundles(repoRoot)], { force: process.argv.includes('--force') });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(built.length === 0 ? 'jobpipe: bundles are up to date.' : `jobpipe: built ${built.join(', ')} in ${seconds} s.`);
