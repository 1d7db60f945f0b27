/**
 * A posting its source itself says is closed (MCF `status.jobStatus`, SmartRecruiters `active`, Workable
 * `state`) is closed at once with reason `source-says-closed`, its job.closed committed with the job, and
 * reopened when the source lists it open again.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { EventDataMap } from '@jobpipe/contracts';
import { lifecycleAfterRun } from '../../src/domain/lifecycle.js';
import { fixtureBytes } from '../fixtures.js';
import { parserStack } from './harness.js';

const stack = parserStack();
after(() => stack.close());

const published = <T extends 'job.closed' | 'job.reopened'>(type: T) =>
  stack.parser.bus.publishedEvents(type).map((entry) => JSON.parse(entry.body).detail.data as EventDataMap[T]);
const job = async (jobId: string) => (await stack.jobs()).find((item) => item.jobId === jobId);

const MCF_UUID = '5d2e8f1a7c3b4e9d0a6f2c8b1e4d7a93';
const MCF_URL = `https://api.mycareersfuture.gov.sg/v2/jobs/${MCF_UUID}`;
const closedBody = fixtureBytes('mcf/job-detail-closed.json').toString('utf8');
const openBody = closedBody.replace('"jobStatus": "Closed"', '"jobStatus": "Open"');

test('an MCF job the source closes is closed at once (once, whatever comes twice) and reopened when MCF lists it open again', async () => {
  assert.notEqual(openBody, closedBody);
  await stack.scrape('mcf', MCF_UUID, openBody, MCF_URL, '2026-07-20T08:00:00.000Z');
  await stack.drain();
  assert.equal((await job(`mcf:${MCF_UUID}`))?.closedAt, undefined, 'open while MCF says Open');

  await stack.scrape('mcf', MCF_UUID, closedBody, MCF_URL, '2026-07-21T08:00:00.000Z');
  await stack.scrape('mcf', MCF_UUID, closedBody, MCF_URL, '2026-07-22T08:00:00.000Z'); // fetched again: still closed
  await stack.drain();
  const closed = await job(`mcf:${MCF_UUID}`);
  assert.deepEqual([closed?.closedAt, closed?.closeReason], ['2026-07-21T08:00:00.000Z', 'source-says-closed']);
  assert.deepEqual(
    published('job.closed').map(({ jobId, closeReason, closedAt }) => [jobId, closeReason, closedAt]),
    [[`mcf:${MCF_UUID}`, 'source-says-closed', '2026-07-21T08:00:00.000Z']],
    'one job.closed',
  );

  // A complete read that lists the job does not reopen it: MCF's own word does.
  const listed = lifecycleAfterRun(closed!, {
    searchId: 'sg-data',
    runId: 'run-9',
    status: 'complete',
    finishedAt: '2026-07-22T09:00:00.000Z',
    listed: true,
  });
  assert.notEqual(listed.kind, 'reopen');

  await stack.scrape('mcf', MCF_UUID, openBody, MCF_URL, '2026-07-23T08:00:00.000Z');
  await stack.drain();
  assert.equal((await job(`mcf:${MCF_UUID}`))?.closedAt, undefined, 'open again');
  assert.deepEqual(published('job.reopened'), [
    {
      jobId: `mcf:${MCF_UUID}`,
      reopenedAt: '2026-07-23T08:00:00.000Z',
      closedAt: '2026-07-21T08:00:00.000Z',
      previousCloseReason: 'source-says-closed',
      searchId: 'source',
      runId: '2026-07-23T08:00:00.000Z',
    },
  ]);
});

test('a posting first seen already closed (SmartRecruiters active: false, Workable state closed) is stored closed with its job.parsed and job.closed', async () => {
  await stack.scrape(
    'smartrecruiters',
    '744000091239077',
    fixtureBytes('smartrecruiters/posting-744000091239077-closed.json'),
    'https://api.smartrecruiters.com/v1/companies/HarborviewClinics/postings/744000091239077',
    '2026-07-24T08:00:00.000Z',
  );
  await stack.scrape(
    'workable',
    '5E19C0B38A',
    fixtureBytes('workable/job-5E19C0B38A-closed.json'),
    'https://apply.workable.com/api/v2/accounts/marlow-biolabs/jobs/5E19C0B38A',
    '2026-07-24T08:00:00.000Z',
  );
  await stack.drain();
  for (const jobId of ['smartrecruiters:744000091239077', 'workable:5E19C0B38A']) {
    assert.equal((await job(jobId))?.closeReason, 'source-says-closed', jobId);
    assert.equal(published('job.closed').filter((event) => event.jobId === jobId).length, 1, jobId);
  }
  const parsed = (await stack.parsedEvents()).map((event) => event.detail.data.job.jobId);
  assert.ok(parsed.includes('smartrecruiters:744000091239077') && parsed.includes('workable:5E19C0B38A'), 'announced as parsed too');
});
