import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { BusEvent } from '@jobpipe/contracts';
import { buildCrmApi, createApiKey, createCrmApiContext } from '@jobpipe/crm-api';
import { notifierService } from '@jobpipe/notifier';
import { createEmbeddedPorts, silentLogger, startService } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import type { FastifyInstance } from 'fastify';
import { REPO_ROOT } from '../src/config.js';
import { runJobpipeAsync, SOURCE_CLI } from './support/cli-process.js';

const dir = tempDir('jobpipe-cli-notify-');
const SECRET_KEY = 'cli notify test secret key';
const WEBHOOK = 'https://hooks.slack.com/services/T0001/B0002/n0t1fy-t0k3n';
const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: SECRET_KEY }, 'crm-api');
const context = createCrmApiContext(ports, { dataDir: dir.path }, silentLogger);
let app: FastifyInstance;
let apiUrl: string;
let apiKey: string;

before(async () => {
  app = await buildCrmApi(context);
  apiUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  apiKey = (await createApiKey(ports.tables, ports.clock, { name: 'cli test' })).key;
});
after(async () => {
  await app.close();
  await context.close();
  await ports.close();
  dir.remove();
});

/** `jobpipe <args> --api <this crm-api>` with `input` on stdin, run without blocking the server it calls. */
function jobpipe(input: string, ...args: string[]): Promise<{ code: number | null; output: string }> {
  const { NODE_TEST_CONTEXT: _subtest, ...env } = process.env;
  const child = spawn(process.execPath, [...SOURCE_CLI, ...args, '--api', apiUrl], {
    cwd: REPO_ROOT,
    env: { ...env, JOBPIPE_DATA_DIR: dir.path, JOBPIPE_TRANSPORT: 'embedded', JOBPIPE_LOG_LEVEL: 'silent', JOBPIPE_API_KEY: apiKey },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

test('jobpipe notify set adds a target; notify secret stores its URL from stdin; notify list shows both, never the URL', async () => {
  const added = await jobpipe('', 'notify', 'set', 'team-slack', '--kind', 'slack', '--min-score', '85', '--no-digest');
  assert.equal(added.code, 0, added.output);
  assert.match(added.output, /^added notification target team-slack \(store its webhook URL: jobpipe notify secret team-slack\)/);
  const secret = await jobpipe(`${WEBHOOK}\n`, 'notify', 'secret', 'team-slack');
  assert.equal(secret.code, 0, secret.output);
  assert.equal(secret.output.trim(), 'stored the secret of team-slack in the secret store');
  assert.equal(await ports.secrets().get('notify/team-slack'), WEBHOOK);

  const email = await jobpipe(
    '',
    'notify',
    'set',
    'me',
    '--kind',
    'email',
    '--smtp-host',
    'smtp.example.org',
    '--from',
    'jobs@example.org',
    '--to',
    'me@example.org',
  );
  assert.equal(email.code, 0, email.output);
  const listed = await jobpipe('', 'notify', 'list');
  assert.equal(listed.code, 0, listed.output);
  assert.deepEqual(listed.output.trim().split('\n'), [
    'team-slack  slack  instant from 85  secret stored  nothing sent yet',
    'me  email  instant from the threshold + digest  NO SECRET STORED  nothing sent yet',
    'digest schedule: 0 7 * * * (default) UTC',
  ]);
  assert.ok(!listed.output.includes('n0t1fy'), 'the URL is not printed');
});

test('jobpipe notify set replaces a target keeping its other settings; bad input is refused naming what is wrong', async () => {
  const replaced = await jobpipe('', 'notify', 'set', 'me', '--kind', 'email', '--to', 'other@example.org', '--no-instant');
  assert.equal(replaced.code, 0, replaced.output);
  const stored = (await app.inject({ method: 'GET', url: '/notifications/targets', headers: { 'x-api-key': apiKey } })).json();
  assert.deepEqual(stored.targets[1].email, { host: 'smtp.example.org', from: 'jobs@example.org', to: ['other@example.org'] });
  assert.equal(stored.targets[1].instant, false);

  const noEmail = await jobpipe('', 'notify', 'set', 'mail2', '--kind', 'email');
  assert.equal(noEmail.code, 1);
  assert.match(noEmail.output, /email\/host: is required/);
  const badScore = await jobpipe('', 'notify', 'set', 'x', '--kind', 'slack', '--min-score', 'high');
  assert.equal(badScore.code, 1);
  assert.match(badScore.output, /--min-score must be a number \(got 'high'\)/);
  const unsafe = await jobpipe('http://127.0.0.1:9/hook\n', 'notify', 'secret', 'team-slack');
  assert.equal(unsafe.code, 1);
  assert.match(unsafe.output, /a loopback address/);
  const unknown = await jobpipe('https://example.org/hook\n', 'notify', 'secret', 'nobody');
  assert.match(unknown.output, /no notification target 'nobody'/);
});

/** A local webhook receiver: answers each POST with the next of `statuses` (then 200) and counts what it took. */
async function startReceiver(...statuses: number[]): Promise<{ url: string; taken: unknown[]; close(): void }> {
  const taken: unknown[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = statuses.shift() ?? 200;
      if (status === 200) taken.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(status).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, taken, close: () => server.close() };
}

test('jobpipe notify test sends a test through the running notifier and says how it went: reached (exit 0) or failed with the reason (exit 1)', async (t) => {
  const receiver = await startReceiver(404);
  t.after(() => receiver.close());
  await app.inject({
    method: 'PUT',
    url: '/notifications/targets',
    headers: { 'x-api-key': apiKey },
    payload: { targets: [{ name: 'hooks', kind: 'webhook', allowPrivateHosts: ['127.0.0.1'] }] },
  });
  await ports.secrets().put('notify/hooks', receiver.url);
  const notifier = await startService(notifierService, {
    env: { JOBPIPE_DATA_DIR: dir.path, JOBPIPE_SECRET_KEY: SECRET_KEY, JOBPIPE_LOG_LEVEL: 'silent' },
    logger: silentLogger,
  });
  t.after(() => notifier.stop());

  const failed = await jobpipe('', 'notify', 'test', 'hooks', '--wait', '30');
  assert.equal(failed.code, 1, failed.output);
  assert.match(failed.output, /the test to hooks failed: target 'hooks': the webhook answered 404/);
  const reached = await jobpipe('', 'notify', 'test', 'hooks', '--wait', '30');
  assert.equal(reached.code, 0, reached.output);
  assert.match(reached.output, /^asked the notifier to send a test to hooks \(request [0-9a-f-]{36}\)\nthe test reached hooks\n$/);
  assert.equal((receiver.taken[0] as { type: string }).type, 'jobpipe.test');
  assert.equal(receiver.taken.length, 1);

  const unknown = await jobpipe('', 'notify', 'test', 'nobody');
  assert.equal(unknown.code, 1);
  assert.match(unknown.output, /no notification target 'nobody'/);
});

test('jobpipe notify digest publishes the digest request the notifier takes, as the daily schedule does', async () => {
  const { code, stdout: output, stderr } = await runJobpipeAsync(dir.path, 'notify', 'digest');
  assert.equal(code, 0, `${output}${stderr}`);
  const requestId = /\(request ([0-9a-f-]{36})\)/.exec(output)?.[1];
  assert.ok(requestId, output);
  const notifierPorts = createEmbeddedPorts({ dataDir: dir.path, secretKey: SECRET_KEY }, 'notifier');
  try {
    const messages = await notifierPorts.consumer('notifier').receive(10, 1000);
    const events = messages.map((message) => JSON.parse(message.body) as BusEvent<'notification.digest-requested'>);
    const digest = events.find((event) => event['detail-type'] === 'notification.digest-requested');
    assert.equal(digest?.detail.data.requestId, requestId);
    assert.equal(digest?.source, 'jobpipe.scheduler');
    assert.ok(Math.abs(Date.parse(digest.detail.data.requestedAt) - Date.now()) < 60_000);
  } finally {
    await notifierPorts.close();
  }
});
