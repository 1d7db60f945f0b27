#!/usr/bin/env node
// Runs one package's tests with Node's test runner (through tsx), printing the spec report and
// writing the counts to .test-results/summary.json for the root summary. Run from a package folder.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = process.cwd();

function findTests(folder) {
  let found = [];
  let entries = [];
  try {
    entries = readdirSync(folder);
  } catch {
    return found;
  }
  for (const name of entries) {
    const path = join(folder, name);
    if (name === 'node_modules' || name === 'fixtures') continue;
    if (statSync(path).isDirectory()) found = found.concat(findTests(path));
    else if (name.endsWith('.test.ts')) found.push(relative(packageDir, path));
  }
  return found.sort();
}

const files = findTests(join(packageDir, 'test'));
mkdirSync(join(packageDir, '.test-results'), { recursive: true });
if (files.length === 0) {
  console.log('no tests in this package');
  process.exit(0);
}
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(here, 'count-reporter.mjs')}`,
    `--test-reporter-destination=${join(packageDir, '.test-results', 'summary.json')}`,
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, SE_OFFLINE: 'true', AWS_EC2_METADATA_DISABLED: 'true' } },
);
process.exit(result.status ?? 1);
