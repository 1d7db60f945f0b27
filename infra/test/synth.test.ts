import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { deploymentPlan } from '../src/deployment-plan.js';

const infraDir = join(import.meta.dirname, '..');
const repoRoot = join(infraDir, '..');
const outDir = mkdtempSync(join(tmpdir(), 'jobpipe-synth-'));
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
  },
  { timeout: 240_000 },
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

/** Imports a bundle in a child process as Lambda would (the AWS SDK is the runtime's, here the repo's). */
function loadBundle(bundleDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', "const m = await import('./index.mjs'); if (typeof m.handler !== 'function') process.exit(3);"],
      {
        cwd: bundleDir,
        env: {
          PATH: process.env.PATH,
          JOBPIPE_TRANSPORT: 'aws',
          JOBPIPE_LOG_LEVEL: 'silent',
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

test('every bundle loads and exports its handler, as in the Lambda runtime', {
  todo: 'known to fail until the bundling is fixed for ESM and file-relative reads: see docs/running.md, "Lambda bundles"',
}, async () => {
  // The SDK is external to the bundles (the Lambda runtime has it): let them find the repo's copy.
  symlinkSync(join(repoRoot, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  const failures: string[] = [];
  for (const [name, asset] of functions) {
    const loaded = await loadBundle(join(outDir, asset));
    const firstError = loaded.output.split('\n').find((line) => /^\w*Error\b/.test(line)) ?? loaded.output.slice(0, 200);
    if (loaded.code !== 0) failures.push(`${name}: ${firstError.trim()}`);
  }
  assert.deepEqual(failures, []);
});
