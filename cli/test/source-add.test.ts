import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createEmbeddedPorts } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import { REPO_ROOT } from '../src/config.js';
import { SOURCE_CLI } from './support/cli-process.js';

const dir = tempDir('jobpipe-cli-source-add-');
let site: Server;
let siteUrl: string;

before(async () => {
  site = createServer((request, response) => {
    if (request.url === '/jobs/pastry-chef')
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          '<html lang="en"><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting","title":"Pastry Chef"}</script></head><body><h1>Pastry Chef</h1></body></html>',
        );
    else response.writeHead(200, { 'content-type': 'text/html' }).end('<html lang="en"><body><h1>About us</h1></body></html>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
after(() => {
  site.close();
  dir.remove();
});

/** `jobpipe <args>` on the embedded transport over the test's data folder (async: the test serves HTTP meanwhile). */
function jobpipe(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { NODE_TEST_CONTEXT: _inherited, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...SOURCE_CLI, ...args],
      {
        cwd: REPO_ROOT,
        env: { ...env, JOBPIPE_DATA_DIR: dir.path, JOBPIPE_TRANSPORT: 'embedded', JOBPIPE_LOG_LEVEL: 'silent' },
        timeout: 60_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function storedConfig() {
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'crm-api');
  try {
    const stored = await ports.tables.get('config', { key: 'current' });
    return {
      version: stored?.version ?? 0,
      searches: stored?.config.searches ?? [],
      announced: ports.bus.publishedEvents('config.changed').length,
    };
  } finally {
    await ports.close();
  }
}

test('jobpipe source add shows the search an apply URL leads to, and adds it only with --yes', async () => {
  const url = 'https://jobs.lever.co/northwind/0b6c2f0e-7f1a-4d8e-9c3b-2a1f5e6d7c8b/apply';
  const offered = await jobpipe('source', 'add', url);
  assert.equal(offered.code, 0, offered.stderr);
  assert.match(offered.stdout, /lever board 'northwind' \(found by the URL\)/);
  assert.match(offered.stdout, /id: lever-northwind\n {2}source: lever\n {2}boards: northwind\n {2}schedule: 0 8 \* \* \*/);
  assert.match(offered.stdout, /run again with --yes/);
  assert.equal((await storedConfig()).version, 0, 'nothing stored without --yes');

  const added = await jobpipe('source', 'add', url, '--yes');
  assert.equal(added.code, 0, added.stderr);
  assert.match(added.stdout, /added search 'lever-northwind' \(config version 1\)/);
  const stored = await storedConfig();
  assert.deepEqual(stored.searches, [{ id: 'lever-northwind', source: 'lever', boards: ['northwind'], schedule: '0 8 * * *' }]);
  assert.equal(stored.announced, 1, 'config.changed announced');

  const again = await jobpipe('source', 'add', 'https://jobs.lever.co/northwind', '--yes');
  assert.match(again.stdout, /search 'lever-northwind' reads it already: nothing to add/);
  assert.equal((await storedConfig()).version, 1);
});

test('a JSON-LD page on an allowed private host is added with that host allowed; without the allowance it is refused', async () => {
  const refused = await jobpipe('source', 'add', `${siteUrl}/jobs/pastry-chef`);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /jobpipe: refusing to read .*a loopback address; list the host in/);

  const added = await jobpipe('source', 'add', `${siteUrl}/jobs/pastry-chef`, '--allow-private-host', '127.0.0.1', '--yes');
  assert.equal(added.code, 0, added.stderr);
  assert.match(added.stdout, /jsonld \(found by 1 JSON-LD JobPosting object\(s\) on the page\)/);
  const search = (await storedConfig()).searches.find((candidate) => candidate.source === 'jsonld');
  assert.deepEqual(search, {
    id: 'jsonld-127-0-0-1',
    source: 'jsonld',
    urls: [`${siteUrl}/jobs/pastry-chef`],
    allowHosts: [new URL(siteUrl).host],
    allowPrivateHosts: ['127.0.0.1'],
    schedule: '0 8 * * *',
  });
});

test('a page with no job source ends with "not recognized" and the reason, and adds nothing', async () => {
  const before = await storedConfig();
  const answer = await jobpipe('source', 'add', `${siteUrl}/about`, '--allow-private-host', '127.0.0.1', '--yes');
  assert.equal(answer.code, 1);
  assert.match(answer.stderr, /jobpipe: not recognized: no job source found/);
  assert.equal((await storedConfig()).version, before.version);
});
