#!/usr/bin/env node
// `npm test`: type-checks and tests every workspace through turbo, type-checks the bench (no workspace), then prints one closing line
// "N passed, N failed, N skipped" summed over all packages, followed by the skips' reasons. First it installs the
// system packages the browser and PostgreSQL suites need when it can (root with apt-get); otherwise those suites
// skip with one line each.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { closingLine } from './closing-line.mjs';
import { installMissingPackages } from './system-packages.mjs';

const root = join(import.meta.dirname, '..');
const workspaces = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages;
const packageDirs = Object.keys(workspaces).filter((path) => path && !path.includes('node_modules'));
for (const dir of packageDirs) rmSync(join(root, dir, '.test-results'), { recursive: true, force: true });

const notInstalled = installMissingPackages();
if (notInstalled) console.log(`npm test: ${notInstalled}`);

const turbo = spawnSync(
  'npx',
  ['turbo', 'run', 'typecheck', 'test', '--concurrency=1', '--continue', '--output-logs=full', '--force', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1', DO_NOT_TRACK: '1', ...process.env },
  },
);

const bench = spawnSync('npx', ['tsc', '--noEmit', '-p', 'bench'], { cwd: root, stdio: 'inherit' });
if (bench.status !== 0) console.error('bench: the type-check failed');

const summaries = [];
for (const dir of packageDirs) {
  const file = join(root, dir, '.test-results', 'summary.json');
  if (!existsSync(file)) continue;
  try {
    summaries.push(JSON.parse(readFileSync(file, 'utf8').trim().split('\n').pop()));
  } catch {
    console.error(`${dir}: the test run left no readable summary (it was interrupted?)`);
    summaries.push({ failed: 1 });
  }
}
const closing = closingLine(summaries);
console.log(`\n${closing.line}`);
process.exit(turbo.status === 0 && bench.status === 0 && closing.failed === 0 ? 0 : 1);
