/**
 * The user closes a job themselves (`job.close-requested` from crm-api): the parser closes it with reason
 * `user`, keeps it closed whatever lists it later, and reopens it only when the user takes it back.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { EventDataMap } from '@jobpipe/contracts';
import { parserStack } from './harness.js';

const stack = parserStack();
after(() => stack.close());

const published = <T extends 'job.closed' | 'job.reopened'>(detailType: T): EventDataMap[T][] =>
  stack.parser.bus.publishedEvents(detailType).map((event) => JSON.parse(event.body).detail.data);

async function importRows(importId: string, ids: readonly string[]): Promise<void> {
  const blobKey = `imports/${importId}/chunk-000000.json`;
  const rows = ids.map((id, index) => ({
    rowNumber: index + 2,
    row: { externalId: id, title: `Analyst ${id}`, company: 'Acme', url: `https://jobs.example/${id}` },
  }));
  await stack.crm.blobs.put(blobKey, JSON.stringify({ rows }));
  const chunk = { importId, chunkIndex: 0, blobKey, rowCount: ids.length, firstRowNumber: 2, mode: 'full' as const };
  await stack.crm.publisher.publish([{ detailType: 'import.chunk', data: chunk }]);
  await stack.drain();
  const completed = { importId, mode: 'full' as const, chunkBlobKeys: [blobKey], completedAt: stack.clock.now().toISOString() };
  await stack.crm.publisher.publish([{ detailType: 'import.completed', data: completed }]);
  await stack.drain();
}

async function requested(jobId: string, action: 'close' | 'reopen', requestId: string): Promise<void> {
  const data = { jobId, requestId, action, requestedAt: stack.clock.now().toISOString() };
  await stack.crm.publisher.publish([{ detailType: 'job.close-requested', data }]);
  await stack.drain();
}

const jobOf = async (jobId: string) => (await stack.jobs()).find((job) => job.jobId === jobId);

test('closed by the user: job.closed with reason user, once; a later listing does not reopen it; the user reopens it', async () => {
  await importRows('first', ['u1', 'u2']);
  await requested('import:u1', 'close', '0f7d2c11-9a3e-4c52-b1e4-7a6f5d3c2b10');
  await requested('import:u1', 'close', '0f7d2c11-9a3e-4c52-b1e4-7a6f5d3c2b10');
  const closedAt = stack.clock.now().toISOString();
  assert.deepEqual(
    published('job.closed').map(({ jobId, closeReason }) => [jobId, closeReason]),
    [['import:u1', 'user']],
    'closed once, with reason user, though asked twice',
  );
  assert.deepEqual([(await jobOf('import:u1'))?.closedAt, (await jobOf('import:u1'))?.closeReason], [closedAt, 'user']);

  stack.clock.set(new Date('2026-07-22T08:00:00.000Z'));
  await importRows('second', ['u1', 'u2']);
  assert.equal((await jobOf('import:u1'))?.closeReason, 'user', 'a full import that holds it does not reopen what the user closed');

  await requested('import:u1', 'reopen', '8b1e6f20-3c4d-4e5f-a6b7-c8d9e0f1a2b3');
  assert.equal((await jobOf('import:u1'))?.closedAt, undefined);
  assert.deepEqual(published('job.reopened').at(-1), {
    jobId: 'import:u1',
    reopenedAt: '2026-07-22T08:00:00.000Z',
    closedAt,
    previousCloseReason: 'user',
    searchId: 'user',
    runId: '8b1e6f20-3c4d-4e5f-a6b7-c8d9e0f1a2b3',
  });
});

test('reopen only takes back a close by the user; an unknown job is dead-lettered with the reason', async () => {
  await requested('import:u2', 'reopen', '8b1e6f20-3c4d-4e5f-a6b7-c8d9e0f1a2b4');
  assert.equal(published('job.reopened').filter((event) => event.jobId === 'import:u2').length, 0);
  await requested('import:nobody', 'close', '8b1e6f20-3c4d-4e5f-a6b7-c8d9e0f1a2b5');
  const dead = await stack.deadLetters();
  assert.ok(
    dead.some((letter) => JSON.stringify(letter).includes('JOB_UNKNOWN')),
    'parked with its reason',
  );
});
