/**
 * `npm run build` (and the first step of `npm start`): bundles the CLI and every service into their
 * `dist/` folders, so the stack runs on plain node, and crm-api's cockpit into `services/crm-api/cockpit/dist/`.
 * Fresh bundles are kept; `--force` rebuilds all.
 */
import { resolve } from 'node:path';
import { buildCockpit } from '@jobpipe/crm-api/cockpit-build';
import { buildStackBundles } from './stack-bundles.js';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const started = performance.now();
const built = await buildStackBundles(repoRoot, { force: process.argv.includes('--force') });
// The cockpit (crm-api's web app) is small: always rebuilt, so the page never lags its source.
await buildCockpit();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  built ? `jobpipe: built the CLI, the services and the cockpit in ${seconds} s.` : 'jobpipe: bundles are up to date; cockpit built.',
);
