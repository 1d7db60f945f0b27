import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { buildCrmApi, createApiKey, createCrmApiContext } from '@jobpipe/crm-api';
import { createEmbeddedPorts, silentLogger, systemClock } from '@jobpipe/shared';
import { exampleTableItem, tempDir } from '@jobpipe/test-kit';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const repoRoot = join(import.meta.dirname, '..', '..');
const dir = tempDir('jobpipe-mcp-stdio-');
const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'crm-api');
const context = createCrmApiContext(ports, { dataDir: dir.path }, silentLogger);
let app: Awaited<ReturnType<typeof buildCrmApi>>;
let baseUrl: string;
let writeKey: string;
let readKey: string;

before(async () => {
  app = await buildCrmApi(context);
  writeKey = (await createApiKey(ports.tables, systemClock, { name: 'assistant' })).key;
  readKey = (await createApiKey(ports.tables, systemClock, { name: 'reader', scope: 'read' })).key;
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
after(async () => {
  await app.close();
  await context.close();
  await ports.close();
  dir.remove();
});

/** `jobpipe mcp` as an assistant starts it, connected through the SDK's stdio client. */
async function startJobpipeMcp(key: string, ...args: string[]): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', join(repoRoot, 'cli', 'src', 'main.ts'), 'mcp', '--api', baseUrl, ...args],
    env: { PATH: process.env.PATH ?? '', JOBPIPE_API_KEY: key, JOBPIPE_DATA_DIR: dir.path },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'jobpipe-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

test('jobpipe mcp serves the tools on stdio through crm-api; a proposal waits for the user', { timeout: 120_000 }, async () => {
  const client = await startJobpipeMcp(writeKey);
  try {
    const { tools } = await client.listTools();
    assert.equal(tools.length, 7);
    const searched = await client.callTool({ name: 'search_jobs', arguments: { limit: 3 } });
    assert.equal(searched.isError, false);
    assert.deepEqual((searched.structuredContent as { items: unknown[] }).items, []);
    const proposed = await client.callTool({ name: 'add_note', arguments: { jobId: 'greenhouse:1', note: 'looks good' } });
    assert.equal(proposed.isError, true, 'an unknown job is refused');
    assert.match(JSON.stringify(proposed.content), /job_not_found/);
  } finally {
    await client.close();
  }
});

test('jobpipe mcp --read-only offers only the reading tools', { timeout: 120_000 }, async () => {
  const client = await startJobpipeMcp(readKey, '--read-only');
  try {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((tool) => tool.name).sort(), ['explain_score', 'get_job', 'list_pipeline', 'search_jobs']);
  } finally {
    await client.close();
  }
});

test('jobpipe proposals list and accept: the user decides on what the assistant proposed', { timeout: 120_000 }, async () => {
  await ports.tables.put(
    'jobs',
    exampleTableItem('jobs', 'valid-basic', {
      jobId: 'greenhouse:7',
      source: 'greenhouse',
      externalId: '7',
      title: 'Data Engineer',
      company: 'Acme',
    }),
  );
  const client = await startJobpipeMcp(writeKey);
  let proposalId: string;
  try {
    const proposed = await client.callTool({
      name: 'add_note',
      arguments: { jobId: 'greenhouse:7', note: 'ask about the team', rationale: 'from the job ad' },
    });
    assert.equal(proposed.isError, false, JSON.stringify(proposed.content));
    proposalId = (proposed.structuredContent as { proposalId: string }).proposalId;
  } finally {
    await client.close();
  }
  // Asynchronously: this process serves the API the command calls.
  const cli = (...args: string[]) =>
    promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'cli', 'src', 'main.ts'), 'proposals', ...args, '--api', baseUrl],
      {
        encoding: 'utf8',
        env: { ...process.env, JOBPIPE_API_KEY: writeKey },
      },
    );
  const listed = await cli('list');
  assert.match(listed.stdout, new RegExp(`${proposalId}.*greenhouse:7.*note: ask about the team.*assistant.*from the job ad`));
  const accepted = await cli('accept', proposalId);
  assert.equal(accepted.stdout.trim(), `accepted ${proposalId}`);
  const history = await app.inject({ method: 'GET', url: '/jobs/greenhouse:7/history', headers: { 'x-api-key': writeKey } });
  assert.match(history.body, /ask about the team/);
  assert.match((await cli('list')).stdout, /no pending proposals/);
});
