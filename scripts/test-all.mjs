#!/usr/bin/env node
// `npm test`: type-checks and tests every workspace through turbo, then prints one closing line
// "N passed, N failed, N skipped" summed over all packages.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const workspaces = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages;
const packageDirs = Object.keys(workspaces).filter((path) => path && !path.includes('node_modules'));
for (const dir of packageDirs) rmSync(join(root, dir, '.test-results'), { recursive: true, force: true });

const turbo = spawnSync(
  'npx',
  ['turbo', 'run', 'typecheck', 'test', '--concurrency=1', '--continue', '--output-logs=full', '--force', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1', DO_NOT_TRACK: '1', ...process.env },
  },
);

const total = { passed: 0, failed: 0, skipped: 0 };
for (const dir of packageDirs) {
  const file = join(root, dir, '.test-results', 'summary.json');
  if (!existsSync(file)) continue;
  let counts;
  try {
    counts = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').pop());
  } catch {
    console.error(`${dir}: the test run left no readable summary (it was interrupted?)`);
    counts = { failed: 1 };
  }
  for (const key of Object.keys(total)) total[key] += counts[key] ?? 0;
}
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(turbo.status === 0 && total.failed === 0 ? 0 : 1);
