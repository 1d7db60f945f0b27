import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { CrmApiClient } from '../../src/stack/api-client.js';
import { settledTopJobs } from '../../src/stack/settled-top-jobs.js';

// crm-api as the first pass fills it: empty, then one job, then two, then no further change.
const answers = [[], [{ title: 'Data Engineer' }], [{ title: 'ML Engineer' }, { title: 'Data Engineer' }]];
let calls = 0;
const authorizations = new Set<string | undefined>();
const server = createServer((request, response) => {
  authorizations.add(request.headers.authorization);
  const items = answers[Math.min(calls++, answers.length - 1)];
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items }));
});
before(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('waits until the best-scored jobs stop changing, then returns them', async () => {
  const api = new CrmApiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'key-1');
  const top = await settledTopJobs(api, 10, { pollMs: 5, quietMs: 40, timeoutMs: 5_000 });
  assert.deepEqual(
    top.map((job) => job.title),
    ['ML Engineer', 'Data Engineer'],
  );
  assert.ok(calls > answers.length, 'asked again after the last change');
  assert.deepEqual([...authorizations], ['Bearer key-1']);
});
