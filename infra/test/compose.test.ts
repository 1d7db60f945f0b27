import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SERVICE_NAMES } from '@jobpipe/contracts';
import { startReplayServer } from '@jobpipe/replay';
import { parse } from 'yaml';
import { composeSpecValidator } from './support/compose-schema.js';

const root = join(import.meta.dirname, '..', '..');
type ComposeService = {
  command?: string[];
  build?: { target: string };
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
};
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

test('docker-compose runs one container per service folder, each with its own entrypoint', () => {
  const folders = readdirSync(join(root, 'services')).sort();
  assert.deepEqual(folders, [...SERVICE_NAMES].sort(), 'service folders match the topology');
  const tools = new Set(['localstack', 'bootstrap', 'replay', 'scheduler']);
  const containers = Object.keys(compose.services).filter((name) => !tools.has(name));
  assert.deepEqual(containers.sort(), folders);
  for (const name of folders) {
    const service = compose.services[name]!;
    assert.deepEqual(service.command, ['node', `services/${name}/dist/main.js`]);
    assert.equal(service.environment?.JOBPIPE_TRANSPORT, 'aws');
    assert.equal(service.environment?.AWS_ENDPOINT_URL, 'http://localstack:4566');
    assert.ok(service.depends_on?.bootstrap, `${name} waits for the bootstrap`);
  }
});

test('the browser-driven services use the image with Chromium and chromedriver', () => {
  for (const name of ['applier', 'auth-refresher', 'scraper']) assert.equal(compose.services[name]!.build?.target, 'browser');
  for (const name of ['parser', 'recommender', 'crm-api', 'etl', 'sheets-bridge', 'inbox', 'notifier'])
    assert.equal(compose.services[name]!.build?.target, 'runtime');
  assert.match(readFileSync(join(root, 'Dockerfile'), 'utf8'), /FROM runtime AS browser[\s\S]*chromium chromium-driver/);
});

test('the image builds the bundles the containers run, from its own sources (never a copied dist/)', () => {
  assert.match(readFileSync(join(root, 'Dockerfile'), 'utf8'), /AS runtime[\s\S]*COPY \. \.\nRUN npm run build -- --force\n/);
  assert.match(readFileSync(join(root, '.dockerignore'), 'utf8'), /^\*\*\/dist$/m);
  assert.deepEqual(compose.services.bootstrap?.command?.slice(0, 2), ['node', 'cli/dist/main.js']);
});

test("the image's npm ci sees every workspace's package.json, so each workspace's own dependencies are installed", () => {
  const workspaces = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces.flatMap(
    (pattern) =>
      pattern.endsWith('/*') ? readdirSync(join(root, pattern.slice(0, -2))).map((name) => `${pattern.slice(0, -2)}/${name}`) : [pattern],
  );
  const copied = [...readFileSync(join(root, 'Dockerfile'), 'utf8').matchAll(/^COPY (\S+)\/package\.json \1\/$/gm)].map(
    (match) => match[1],
  );
  assert.deepEqual(copied.sort(), workspaces.sort());
});

test('LocalStack runs every AWS service jobpipe uses, and the bootstrap creates the topology', () => {
  const services = (compose.services.localstack!.environment?.SERVICES ?? '').split(',');
  for (const needed of ['events', 'sqs', 'dynamodb', 's3', 'secretsmanager', 'scheduler']) assert.ok(services.includes(needed), needed);
  assert.deepEqual(compose.services.bootstrap!.command?.slice(-3), ['bootstrap', '--endpoint', 'http://localstack:4566']);
});

test('the compose file is valid against the Compose Specification schema', () => {
  const validate = composeSpecValidator();
  // The published schema predates the top-level `name` (the project name), checked here instead.
  const { name, ...rest } = compose as typeof compose & { name?: unknown };
  assert.equal(name, 'jobpipe');
  assert.deepEqual(validate(rest), []);
  const broken = structuredClone(rest);
  (broken.services.parser as Record<string, unknown>).restart_policy = 'always';
  (broken.services['crm-api'] as Record<string, unknown>).ports = 3000;
  assert.deepEqual(validate(broken).sort(), [
    '/services/crm-api/ports must be array',
    '/services/parser must NOT have additional properties',
  ]);
});

test('the compose demo is the npm start demo: the replay, the scheduler with a first run, the same config', () => {
  assert.deepEqual(compose.services.replay?.command, ['node', 'cli/dist/main.js', 'replay', '--port', '4010', '--postings', '200']);
  const config = parse(readFileSync(join(root, 'jobpipe.config.yaml'), 'utf8')) as { replay: { port: number; postings: number } };
  assert.deepEqual(config.replay, { ...config.replay, port: 4010, postings: 200 }, 'the replay as npm start serves it');
  const scraper = compose.services.scraper as ComposeService & { network_mode?: string };
  assert.equal(scraper.network_mode, 'service:replay', "the config's 127.0.0.1:4010 pages reach the replay");
  assert.equal(scraper.environment?.JOBPIPE_SCRAPER_MCF_BASE_URL, 'http://127.0.0.1:4010');
  const scheduler = compose.services.scheduler!;
  assert.deepEqual(scheduler.command, ['node', 'cli/dist/main.js', 'schedule', '--api', 'http://crm-api:3000', '--first-run']);
  assert.ok(scheduler.depends_on?.bootstrap && scheduler.depends_on['crm-api']);
  assert.equal(scheduler.environment?.JOBPIPE_TRANSPORT, 'aws');
});

test("the compose scraper's replay settings are the ones the replay gives for its address", async () => {
  const replay = await startReplayServer({ port: 0, postings: 0 });
  try {
    const origin = replay.origin;
    const { JOBPIPE_SCRAPER_POLICY: _fastLocalPolicy, ...expected } = replay.scraperEnv();
    const composeOrigin = 'http://127.0.0.1:4010';
    const environment = compose.services.scraper!.environment ?? {};
    for (const [name, value] of Object.entries(expected)) {
      const atComposeAddress = value.replaceAll(origin, composeOrigin).replaceAll(new URL(origin).host, new URL(composeOrigin).host);
      assert.equal(environment[name], atComposeAddress, name);
    }
  } finally {
    await replay.close();
  }
});

test('docker compose config accepts the file (where the compose plugin exists)', (t) => {
  const probe = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    t.skip('no compose plugin: compose file checked against the Compose Specification schema only');
    return;
  }
  const result = spawnSync('docker', ['compose', '-f', join(root, 'docker-compose.yml'), 'config', '--quiet'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});
