import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { closingLine } from '../../scripts/closing-line.mjs';

const root = join(import.meta.dirname, '..', '..');

test('on a machine without Chromium the browser suites skip with one line naming the package, no stack trace, no hang', () => {
  const results = mkdtempSync(join(tmpdir(), 'jobpipe-fresh-machine-'));
  // Run as `npm test` runs it, not as a subtest of this file (node:test marks its children with NODE_TEST_CONTEXT).
  const { NODE_TEST_CONTEXT: _subtest, ...env } = process.env;
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'run-tests.mjs')], {
    cwd: join(root, 'services', 'applier'),
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...env,
      JOBPIPE_TEST_CHROMIUM: join(root, 'no-such-dir', 'chromium'),
      JOBPIPE_TEST_SUMMARY: join(results, 'summary.json'),
    },
  });
  const counts = JSON.parse(readFileSync(join(results, 'summary.json'), 'utf8')) as { skipReasons: Record<string, number> };
  rmSync(results, { recursive: true, force: true });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const skipLines = run.stdout.split('\n').filter((line) => line.includes('skipped: no chromium'));
  assert.ok(skipLines.length >= 2, 'each browser suite of the applier says it is skipped');
  for (const line of skipLines)
    assert.match(line, /\.browser\.test\.ts skipped: no chromium \(apt-get install chromium chromium-driver\)$/);
  assert.doesNotMatch(run.stdout + run.stderr, /SessionNotCreatedError|^\s+at .+:\d+:\d+\)?$/m);
  assert.equal(counts.skipReasons['no chromium'], skipLines.length, 'the skipped suites are counted by their reason');
});

test('the closing line sums the packages and names the skips by reason', () => {
  const { line, failed } = closingLine([
    { passed: 10, failed: 0, skipped: 2, skipReasons: { 'no Docker engine': 1, 'no chromium': 1 } },
    { passed: 5, failed: 1, skipped: 2, skipReasons: { 'no Docker engine': 1, 'no compose plugin': 1 } },
    { passed: 3, failed: 0, skipped: 0 },
  ]);
  assert.equal(line, '18 passed, 1 failed, 4 skipped: no Docker engine ×2, no chromium, no compose plugin');
  assert.equal(failed, 1);
  assert.equal(closingLine([{ passed: 1, failed: 0, skipped: 0 }]).line, '1 passed, 0 failed, 0 skipped');
});
