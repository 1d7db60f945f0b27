import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startLocalAws } from '@jobpipe/test-kit/local-aws';
import { deploymentPlan } from '../src/deployment-plan.js';
import { closedPort, lastJsonLine, runInBundle } from './support/lambda-bundle.js';

const infraDir = join(import.meta.dirname, '..');
const repoRoot = join(infraDir, '..');
const outDir = mkdtempSync(join(tmpdir(), 'jobpipe-synth-'));
/** Where the SQLite-backed functions keep their files while loaded here (on Lambda: /tmp/jobpipe). */
const dataDir = join(outDir, 'data');
after(() => rmSync(outDir, { recursive: true, force: true }));

type CfnResource = { Type: string; Metadata?: Record<string, string> };
let synth: { code: number | null; output: string };
let functions: Map<string, string>;

/** Runs the real CDK CLI, offline, as CI does; resolves with its exit code and output. */
function cdkSynth(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['cdk', 'synth', '--app', 'node --import tsx src/app.ts', '-o', outDir, '--quiet'], {
      cwd: infraDir,
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', AWS_EC2_METADATA_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

before(
  async () => {
    synth = await cdkSynth();
    if (synth.code !== 0) return;
    const template = JSON.parse(readFileSync(join(outDir, 'Jobpipe.template.json'), 'utf8')) as { Resources: Record<string, CfnResource> };
    // `Jobpipe/Compute/parser-function/Resource` → parser; `Jobpipe/scheduler-function/Resource` → scheduler.
    functions = new Map(
      Object.values(template.Resources)
        .filter((resource) => resource.Type === 'AWS::Lambda::Function')
        .map((resource) => [
          /([^/]+)-function\/Resource$/.exec(resource.Metadata?.['aws:cdk:path'] ?? '')?.[1] ?? '?',
          resource.Metadata?.['aws:asset:path'] ?? '?',
        ]),
    );
    // The Lambda runtime provides the AWS SDK (external to the bundles), and nothing else: let the
    // bundles find the repo's copy of the SDK only, so any other missing module fails to load here too.
    mkdirSync(join(outDir, 'node_modules'));
    symlinkSync(join(repoRoot, 'node_modules', '@aws-sdk'), join(outDir, 'node_modules', '@aws-sdk'), 'dir');
  },
  // Bundling takes seconds; installing better-sqlite3 beside the crm-api and etl bundles (npm ci, then
  // node-gyp builds it from source: prebuild-install's download site is not reachable offline) minutes.
  { timeout: 900_000 },
);

test('cdk synth (the real CLI, offline) writes the template', () => {
  assert.equal(synth.code, 0, `cdk synth failed:\n${synth.output.slice(-4000)}`);
  assert.ok(statSync(join(outDir, 'Jobpipe.template.json')).size > 0);
  assert.ok(existsSync(join(outDir, 'manifest.json')));
});

test('every Lambda function has its own esbuild bundle (ESM, no Docker)', () => {
  const lambdaServices = deploymentPlan()
    .filter((plan) => plan.compute === 'lambda')
    .map((plan) => plan.service);
  assert.deepEqual([...functions.keys()].sort(), [...lambdaServices, 'scheduler'].sort());
  const assets = new Set(functions.values());
  assert.equal(assets.size, functions.size, 'one asset per function');
  for (const [name, asset] of functions) {
    const bundle = join(outDir, asset, 'index.mjs');
    assert.ok(existsSync(bundle), `${name}: ${bundle} exists`);
    assert.match(readFileSync(bundle, 'utf8'), /\bhandler\b/, `${name}: the bundle has the handler`);
  }
});

/**
 * The repository files a bundle was built from, repo-relative, read from its source map (`sourceMap: true`):
 * each source path is relative to where CDK bundled it, so it is matched by its longest tail that names a
 * file of this repository. npm packages are left out.
 */
function bundledRepositoryFiles(assetDir: string): string[] {
  const map = JSON.parse(readFileSync(join(assetDir, 'index.mjs.map'), 'utf8')) as { sources: string[] };
  return map.sources.flatMap((source) => {
    if (source.includes('node_modules/')) return [];
    const segments = source.split('/').filter((segment) => segment !== '..' && segment !== '.');
    const start = segments.findIndex((_, index) => existsSync(join(repoRoot, ...segments.slice(index))));
    // Sources of no repository file are npm packages' own (their source maps name their upstream files).
    return start < 0 ? [] : [segments.slice(start).join('/')];
  });
}

test('no Lambda package holds a file of tools/ or a test file', () => {
  for (const [name, asset] of functions) {
    const files = bundledRepositoryFiles(join(outDir, asset));
    const entry = name === 'scheduler' ? 'infra/lambda/scheduler.ts' : `services/${name}/src/lambda.ts`;
    assert.ok(files.includes(entry), `${name}: the source map names its entry (${files.slice(0, 3).join(', ')} …)`);
    assert.deepEqual(
      files.filter((file) => /^tools\/|(^|\/)test\/|\.test\.ts$/.test(file)),
      [],
      `${name}'s Lambda package`,
    );
  }
});

/** The first error line of a failed run, or its first output. */
const firstError = (output: string) => (output.split('\n').find((line) => /^\w*Error\b/.test(line)) ?? output.slice(0, 200)).trim();

/** Imports the bundle and checks it exports `handler`, as the Lambda runtime does on a cold start. */
const LOAD_HANDLER = "const m = await import('./index.mjs'); if (typeof m.handler !== 'function') process.exit(3);";

test('every bundle loads and exports its handler, as in the Lambda runtime', async () => {
  // A fresh account, reachable as AWS is from Lambda: a cold start may read what it needs (the sheets
  // bridge looks for a connected spreadsheet in Secrets Manager) and must load when nothing is there yet.
  const aws = await startLocalAws();
  const failures: string[] = [];
  try {
    for (const [name, asset] of functions) {
      const loaded = await runInBundle(join(outDir, asset), LOAD_HANDLER, {
        JOBPIPE_DATA_DIR: join(dataDir, name),
        AWS_ENDPOINT_URL: aws.endpoint,
      });
      if (loaded.code !== 0) failures.push(`${name}: ${firstError(loaded.stderr) || `exit code ${loaded.code}`}`);
    }
  } finally {
    await aws.close();
  }
  assert.deepEqual(failures, []);
});

test('crm-api and etl carry the better-sqlite3 addon beside their bundles (bundling.nodeModules), and it opens a database', async () => {
  const withNodeModules = [...functions].filter(([, asset]) => existsSync(join(outDir, asset, 'node_modules'))).map(([name]) => name);
  assert.deepEqual(withNodeModules.sort(), ['crm-api', 'etl']);
  for (const name of withNodeModules) {
    const bundleDir = join(outDir, functions.get(name)!);
    assert.ok(existsSync(join(bundleDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')), name);
    const opened = await runInBundle(
      bundleDir,
      "import Database from 'better-sqlite3'; console.log(new Database(':memory:').prepare('select 1 + 1 as two').get().two);",
    );
    assert.equal(opened.stdout.trim(), '2', `${name}: ${firstError(opened.stderr)}`);
  }
});

test('a loaded handler runs: the parser reports an invalid message it cannot dead-letter (no AWS here) as a batch item failure', async () => {
  const record = {
    messageId: 'message-1',
    receiptHandle: 'receipt-1',
    body: JSON.stringify({ not: 'an event' }),
    attributes: { ApproximateReceiveCount: '1' },
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:jobpipe-parser',
  };
  const invoke = `const m = await import('./index.mjs'); console.log(JSON.stringify(await m.handler({ Records: [${JSON.stringify(record)}] })));`;
  const run = await runInBundle(join(outDir, functions.get('parser')!), invoke, {
    // Every AWS call goes to a closed local port: the dead-lettering fails cleanly, at once.
    AWS_ENDPOINT_URL: `http://127.0.0.1:${await closedPort()}`,
    AWS_MAX_ATTEMPTS: '1',
    JOBPIPE_LOG_LEVEL: 'error',
  });
  assert.equal(run.code, 0, firstError(run.stderr));
  assert.deepEqual(lastJsonLine(run), { batchItemFailures: [{ itemIdentifier: 'message-1' }] });
  assert.match(run.stdout, /ECONNREFUSED.*dead-lettering failed; leaving it on the queue/);
});

test("crm-api's bundle serves its dashboard, Chart.js, its cockpit and Swagger UI's files from beside the bundle", async () => {
  const paths = [
    '/dashboard',
    '/dashboard/app.js',
    '/dashboard/chart.umd.min.js',
    '/app',
    '/app/app.js',
    '/app/app.css',
    '/docs/static/logo.svg',
    '/docs/static/swagger-ui.css',
  ];
  const requests = paths.map((path) => ({
    version: '2.0',
    rawPath: path,
    rawQueryString: '',
    headers: {},
    requestContext: { http: { method: 'GET', sourceIp: '127.0.0.1' } },
    isBase64Encoded: false,
  }));
  const invoke = `const m = await import('./index.mjs'); const statuses = []; for (const request of ${JSON.stringify(requests)}) statuses.push((await m.handler(request)).statusCode); console.log(JSON.stringify(statuses));`;
  const run = await runInBundle(join(outDir, functions.get('crm-api')!), invoke, { JOBPIPE_DATA_DIR: join(dataDir, 'crm-api-http') });
  assert.equal(run.code, 0, firstError(run.stderr));
  assert.deepEqual(
    lastJsonLine(run),
    paths.map(() => 200),
  );
});
