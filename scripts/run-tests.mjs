#!/usr/bin/env node
// Runs one package's tests with Node's test runner (through tsx), printing the spec report and
// writing the counts to .test-results/summary.json for the root summary. Run from a package folder.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemNeeds } from './system-packages.mjs';

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

// JOBPIPE_TEST_SUMMARY moves the counts elsewhere (a test of this runner must not overwrite the package's own).
const summaryFile = process.env.JOBPIPE_TEST_SUMMARY ?? join(packageDir, '.test-results', 'summary.json');
mkdirSync(dirname(summaryFile), { recursive: true });

// A suite that needs something the machine lacks (a browser, PostgreSQL) is skipped as a whole with one line
// naming the package to install, instead of failing with a driver's stack trace or hanging on it.
const unmet = systemNeeds().filter((need) => !need.present());
const skippedFiles = [];
const files = findTests(join(packageDir, 'test')).filter((file) => {
  const need = unmet.find((candidate) => file.endsWith(candidate.suffix));
  if (need) skippedFiles.push({ file, need });
  return !need;
});
for (const { file, need } of skippedFiles) console.log(`﹣ ${file} skipped: ${need.reason} (apt-get install ${need.packages.join(' ')})`);
const fileSkips = { passed: 0, failed: 0, skipped: skippedFiles.length, skipReasons: {} };
for (const { need } of skippedFiles) fileSkips.skipReasons[need.reason] = (fileSkips.skipReasons[need.reason] ?? 0) + 1;

if (files.length === 0) {
  console.log(skippedFiles.length ? 'no other tests in this package' : 'no tests in this package');
  writeFileSync(summaryFile, `${JSON.stringify(fileSkips)}\n`);
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
    `--test-reporter-destination=${summaryFile}`,
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, SE_OFFLINE: 'true', AWS_EC2_METADATA_DISABLED: 'true' } },
);
if (skippedFiles.length) {
  // Fold the skipped files into the reporter's counts, so the closing line of `npm test` names them.
  try {
    const lines = readFileSync(summaryFile, 'utf8').trim().split('\n');
    const counts = JSON.parse(lines.pop());
    counts.skipped += fileSkips.skipped;
    for (const [reason, count] of Object.entries(fileSkips.skipReasons))
      counts.skipReasons[reason] = (counts.skipReasons[reason] ?? 0) + count;
    writeFileSync(summaryFile, `${JSON.stringify(counts)}\n`);
  } catch {
    // No readable summary: the run was interrupted, and the root summary says so.
  }
}
process.exit(result.status ?? 1);
