import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SERVICE_NAMES } from '@jobpipe/contracts';
import { REPO_ROOT } from '../../src/config.js';
import { parseProcessLayout } from '../../src/stack/process-layout.js';
import { embeddedServiceProcesses, nodeFlagsOf, STACK_NODE_FLAGS } from '../../src/stack/service-processes.js';

test('this node accepts the V8 flags of every stack process (an unknown flag would stop the stack from starting)', () => {
  for (const service of SERVICE_NAMES) {
    const printed = execFileSync(process.execPath, [...nodeFlagsOf(service), '-e', 'process.stdout.write("ok")'], { encoding: 'utf8' });
    assert.equal(printed, 'ok', service);
  }
});

test('`npm start` gives the supervisor the same flags as the services', () => {
  const start = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start;
  assert.ok(start?.includes(`node ${STACK_NODE_FLAGS.join(' ')} cli/dist/main.js up`), start);
});

test('with --processes separate each service runs its bundle with the stack flags; those waiting on a browser or an API run without TurboFan', () => {
  const specs = embeddedServiceProcesses({
    repoRoot: REPO_ROOT,
    dataDir: '/tmp/jobpipe-data',
    env: {},
    layout: parseProcessLayout('separate'),
  });
  assert.deepEqual(
    specs.map((spec) => spec.name),
    [...SERVICE_NAMES],
  );
  for (const spec of specs) {
    assert.deepEqual(spec.args.slice(0, STACK_NODE_FLAGS.length), [...STACK_NODE_FLAGS], spec.name);
    assert.equal(spec.args.at(-1), join(REPO_ROOT, 'services', spec.name, 'dist', 'main.js'));
  }
  const withoutTurbofan = specs.filter((spec) => spec.args.includes('--no-opt')).map((spec) => spec.name);
  assert.deepEqual(withoutTurbofan.sort(), ['applier', 'auth-refresher', 'sheets-bridge']);
});

test("by default the six light services share one process, started by the group entry with each one's own settings", () => {
  const specs = embeddedServiceProcesses({
    repoRoot: REPO_ROOT,
    dataDir: '/tmp/jobpipe-data',
    env: { JOBPIPE_LOG_LEVEL: 'warn' },
    healthPortBase: 4000,
    serviceEnv: { 'crm-api': { JOBPIPE_API_PORT: '4100' } },
  });
  assert.deepEqual(
    specs.map((spec) => spec.name),
    ['scraper', 'parser', 'recommender', 'crm-api+etl+applier+auth-refresher+sheets-bridge+inbox+notifier'],
  );
  const group = specs.at(-1)!;
  assert.deepEqual(group.services, ['crm-api', 'etl', 'applier', 'auth-refresher', 'sheets-bridge', 'inbox', 'notifier']);
  assert.deepEqual(group.args.slice(-8), [
    join(REPO_ROOT, 'cli', 'dist-stack', 'service-group-main.js'),
    'crm-api',
    'etl',
    'applier',
    'auth-refresher',
    'sheets-bridge',
    'inbox',
    'notifier',
  ]);
  assert.ok(!group.args.includes('--no-opt'), 'crm-api and etl do real work: the group keeps TurboFan');
  assert.equal(group.env.JOBPIPE_HEALTH_PORT, undefined, 'each member gets its own health port, not one for all');
  assert.equal(group.env.JOBPIPE_LOG_LEVEL, 'warn');
  const own = JSON.parse(group.env.JOBPIPE_GROUP_SERVICE_ENV ?? '{}') as Record<string, Record<string, string>>;
  assert.equal(own.etl?.JOBPIPE_HEALTH_PORT, String(4000 + SERVICE_NAMES.indexOf('etl')));
  assert.equal(own['crm-api']?.JOBPIPE_API_PORT, '4100');
  assert.equal(own.etl?.JOBPIPE_API_PORT, undefined);
});
