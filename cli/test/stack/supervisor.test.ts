import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '@jobpipe/test-kit';
import { crashLine } from '../../src/stack/crash-line.js';
import { type ProcessSpec, type ServiceCrash, Supervisor } from '../../src/stack/supervisor.js';
import { readSupervisorState } from '../../src/stack/supervisor-state.js';

const dir = tempDir('jobpipe-supervisor-');
after(() => dir.remove());

function nodeProcess(name: string, script: string): ProcessSpec {
  const file = join(dir.path, `${name}.mjs`);
  writeFileSync(file, script);
  return {
    name,
    command: process.execPath,
    args: [file],
    env: { PATH: process.env.PATH ?? '' },
    cwd: dir.path,
    logFile: join(dir.path, 'logs', `${name}.log`),
  };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('a crashed service is restarted with backoff and its last error is kept for status', async () => {
  const counter = join(dir.path, 'starts.txt');
  const crashing = nodeProcess(
    'crashing',
    `import { appendFileSync } from 'node:fs';
     appendFileSync(${JSON.stringify(counter)}, 'x');
     console.log(JSON.stringify({ level: 50, msg: 'handler exploded', reason: 'boom' }));
     setTimeout(() => process.exit(3), 50);`,
  );
  const steady = nodeProcess('steady', 'setInterval(() => {}, 1000);');
  const stateFile = join(dir.path, 'supervisor.json');
  const supervisor = new Supervisor([crashing, steady], { stateFile, policy: { initialMs: 50, maxMs: 200, healthyAfterMs: 60_000 } });
  supervisor.start();
  after(() => supervisor.stop(500));
  await until(() => existsSync(counter) && readFileSync(counter, 'utf8').length >= 3);
  const state = readSupervisorState(stateFile)!;
  const crashed = state.services.find((service) => service.name === 'crashing')!;
  assert.ok(crashed.restarts >= 2, `restarts counted (${crashed.restarts})`);
  assert.equal(crashed.lastExit, 'exit code 3');
  assert.equal(crashed.lastError, 'handler exploded: boom');
  const steadyState = state.services.find((service) => service.name === 'steady')!;
  assert.equal(steadyState.restarts, 0);
  assert.equal(steadyState.status, 'up');
  await supervisor.stop(2_000);
  assert.ok(readSupervisorState(stateFile)!.services.every((service) => service.status === 'stopped'));
});

test('stop sends SIGTERM so services finish in-flight work, and SIGKILLs those that do not stop in time', async () => {
  const marker = join(dir.path, 'graceful.txt');
  // Each child says when its SIGTERM handler is installed, so a slow start on a busy machine is waited for.
  const ready = (name: string) => join(dir.path, `${name}.ready`);
  const graceful = nodeProcess(
    'graceful',
    `import { writeFileSync } from 'node:fs';
     process.on('SIGTERM', () => setTimeout(() => { writeFileSync(${JSON.stringify(marker)}, 'finished'); process.exit(0); }, 100));
     writeFileSync(${JSON.stringify(ready('graceful'))}, '');
     setInterval(() => {}, 1000);`,
  );
  const stubborn = nodeProcess(
    'stubborn',
    `import { writeFileSync } from 'node:fs';
     process.on('SIGTERM', () => {});
     writeFileSync(${JSON.stringify(ready('stubborn'))}, '');
     setInterval(() => {}, 1000);`,
  );
  const supervisor = new Supervisor([graceful, stubborn], {
    stateFile: join(dir.path, 'stop.json'),
    policy: { initialMs: 50, maxMs: 100, healthyAfterMs: 1000 },
  });
  supervisor.start();
  await until(() => existsSync(ready('graceful')) && existsSync(ready('stubborn')), 30_000);
  const stubbornPid = supervisor.pidOf('stubborn')!;
  await supervisor.stop(3_000);
  assert.equal(readFileSync(marker, 'utf8'), 'finished');
  assert.throws(() => process.kill(stubbornPid, 0), 'the stubborn process was killed');
});

test('a crash is told with its exit and the one-line reason of that run, e.g. an uncaught TypeError', async () => {
  const thrower = nodeProcess('thrower', `setTimeout(() => { null.handler(); }, 20);`);
  const crashes: ServiceCrash[] = [];
  const supervisor = new Supervisor([thrower], {
    stateFile: join(dir.path, 'crashes.json'),
    policy: { initialMs: 1000, maxMs: 1000, healthyAfterMs: 60_000 },
    onCrash: (crash) => crashes.push(crash),
  });
  supervisor.start();
  await until(() => crashes.length > 0);
  await supervisor.stop(500);
  const [crash] = crashes;
  assert.equal(crash?.service, 'thrower');
  assert.equal(crash?.exit, 'exit code 1');
  assert.match(crash?.lastError ?? '', /^TypeError: Cannot read properties of null/);
  assert.match(
    crashLine(crash!),
    /^! thrower crashed \(exit code 1\): TypeError: Cannot read properties of null \(reading 'handler'\); restarting in 1\.0 s$/,
  );
});
