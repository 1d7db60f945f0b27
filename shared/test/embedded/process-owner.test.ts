import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { isOwnerAlive, processOwner } from '../../src/embedded/process-owner.js';

test('this process owns its claims while it runs', () => {
  assert.equal(isOwnerAlive(processOwner()), true);
});

test('a killed process no longer owns its claims', async () => {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await once(child, 'spawn');
  const owner = processOwner(child.pid);
  assert.equal(isOwnerAlive(owner), true);
  child.kill('SIGKILL');
  await once(child, 'exit');
  assert.equal(isOwnerAlive(owner), false);
});

test('a claim from another boot, or from an earlier process with the same pid, is dead', () => {
  const [boot, pid, start] = processOwner().split('/');
  assert.equal(isOwnerAlive(`not-this-boot/${pid}/${start}`), false, 'another boot');
  assert.equal(isOwnerAlive(`${boot}/${pid}/${Number(start) - 1}`), false, 'the pid was reused by this process');
  assert.equal(isOwnerAlive(`${boot}/not-a-pid/${start}`), false);
});
