import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isRunning, NodeProcessGroup, tempDir, waitFor } from '../src/index.js';

test('a process group holds the child and what it started; killGroup ends them all, stop lets the child finish', async () => {
  const dir = tempDir('jobpipe-test-kit-');
  try {
    const log = join(dir.path, 'out.log');
    const parent = `const { spawn } = require('node:child_process');
      spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      console.log('started'); setInterval(() => {}, 1000);`;
    const group = new NodeProcessGroup(['-e', parent], {}, log, dir.path);
    await waitFor('the grandchild to start', () => group.members().length === 2, { timeoutMs: 20_000 });
    assert.ok(group.members().includes(group.pgid));
    const members = group.members();
    await group.killGroup();
    assert.ok(members.every((pid) => !isRunning(pid)));
    assert.equal(readFileSync(log, 'utf8'), 'started\n');

    const gracefulLog = join(dir.path, 'graceful.log');
    const graceful = new NodeProcessGroup(
      ['-e', `process.on('SIGTERM', () => process.exit(0)); console.log('ready'); setInterval(() => {}, 1000);`],
      {},
      gracefulLog,
      dir.path,
    );
    await waitFor('the child to handle SIGTERM', () => readFileSync(gracefulLog, 'utf8').includes('ready'), { timeoutMs: 20_000 });
    await graceful.stop();
    assert.deepEqual(await graceful.exited, { code: 0, signal: null });
  } finally {
    dir.remove();
  }
});
