import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { exampleTableItem } from '@jobpipe/test-kit';
import { startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi();
  await api.ports.tables.put('jobs', exampleTableItem('jobs', 'valid-basic', { jobId: 'greenhouse:open-1' }));
  await api.ports.tables.put(
    'jobs',
    exampleTableItem('jobs', 'valid-basic', {
      jobId: 'greenhouse:expired-2',
      closedAt: '2026-02-20T08:00:00.000Z',
      closeReason: 'expired',
    }),
  );
  await api.ports.tables.put(
    'jobs',
    exampleTableItem('jobs', 'valid-basic', { jobId: 'greenhouse:mine-3', closedAt: '2026-02-21T08:00:00.000Z', closeReason: 'user' }),
  );
});
after(() => api.close());

const post = (url: string) => api.app.inject({ method: 'POST', url, headers: api.auth });

test('POST /jobs/{jobId}/close asks the parser to close the job as the user (202, job.close-requested); reopen takes back a close by the user', async () => {
  const closed = await post('/jobs/greenhouse:open-1/close');
  assert.equal(closed.statusCode, 202, closed.body);
  const reopened = await post('/jobs/greenhouse:mine-3/reopen');
  assert.equal(reopened.statusCode, 202, reopened.body);
  const requests = api.published('job.close-requested');
  assert.deepEqual(
    requests.map(({ jobId, action, requestId }) => ({ jobId, action, requestId })),
    [
      { jobId: 'greenhouse:open-1', action: 'close', requestId: closed.json().requestId },
      { jobId: 'greenhouse:mine-3', action: 'reopen', requestId: reopened.json().requestId },
    ],
  );
  assert.equal(requests[0]?.requestedAt, api.clock.now().toISOString());
});

test('closing a job closed for another reason, or reopening one the user did not close, is a 409 that says why; an unknown job a 404', async () => {
  const expired = await post('/jobs/greenhouse:expired-2/close');
  assert.equal(expired.statusCode, 409);
  assert.match(expired.json().message, /expired/);
  const notMine = await post('/jobs/greenhouse:open-1/reopen');
  assert.equal(notMine.statusCode, 409);
  assert.match(notMine.json().message, /is open/);
  const unknown = await post('/jobs/greenhouse:nobody/close');
  assert.equal(unknown.statusCode, 404);
  assert.match(unknown.json().message, /greenhouse:nobody/);
});
