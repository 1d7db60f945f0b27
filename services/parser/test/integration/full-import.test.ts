/**
 * A full import is the whole set of imported jobs: once it completed, the imported jobs it left out
 * close (`left-out-of-full-import`) and a later full import that holds one again reopens it; an
 * incremental import keeps every earlier row.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { EventDataMap, ImportMode } from '@jobpipe/contracts';
import { parserStack } from './harness.js';

const stack = parserStack();
after(() => stack.close());

const row = (id: string) => ({ externalId: id, title: `Data Engineer ${id}`, company: `Company ${id}`, url: `https://jobs.example/${id}` });

/** Sends one import of these external ids as crm-api does (one chunk, then import.completed) and lets the parser handle it. */
async function importRows(importId: string, mode: ImportMode, ids: readonly string[]): Promise<void> {
  const blobKey = `imports/${importId}/chunk-000000.json`;
  await stack.crm.blobs.put(blobKey, JSON.stringify({ rows: ids.map((id, index) => ({ rowNumber: index + 2, row: row(id) })) }));
  const chunk = { importId, chunkIndex: 0, blobKey, rowCount: ids.length, firstRowNumber: 2, mode };
  await stack.crm.publisher.publish([{ detailType: 'import.chunk', data: chunk }]);
  await stack.drain();
  const completed = { importId, mode, chunkBlobKeys: [blobKey], completedAt: stack.clock.now().toISOString() };
  await stack.crm.publisher.publish([{ detailType: 'import.completed', data: completed }]);
  await stack.drain();
}

const openImported = async () =>
  (await stack.jobs())
    .filter((job) => job.source === 'import' && job.closedAt === undefined)
    .map((job) => job.jobId)
    .sort();
const published = <T extends 'job.closed' | 'job.reopened'>(detailType: T): EventDataMap[T][] =>
  stack.parser.bus.publishedEvents(detailType).map((event) => JSON.parse(event.body).detail.data);

test('an incremental import keeps the rows earlier imports brought; a full one closes what it left out, once', async () => {
  await importRows('weekly-1', 'full', ['a', 'b', 'c']);
  assert.deepEqual(await openImported(), ['import:a', 'import:b', 'import:c']);

  await importRows('extra-1', 'incremental', ['d']);
  assert.deepEqual(await openImported(), ['import:a', 'import:b', 'import:c', 'import:d']);
  assert.deepEqual(published('job.closed'), []);

  stack.clock.set(new Date('2026-07-27T08:00:00.000Z'));
  await importRows('weekly-2', 'full', ['a', 'c']);
  assert.deepEqual(await openImported(), ['import:a', 'import:c']);
  const closed = published('job.closed');
  assert.deepEqual(
    closed.map(({ jobId, closeReason, closedAt }) => ({ jobId, closeReason, closedAt })).sort((x, y) => x.jobId.localeCompare(y.jobId)),
    [
      { jobId: 'import:b', closeReason: 'left-out-of-full-import', closedAt: '2026-07-27T08:00:00.000Z' },
      { jobId: 'import:d', closeReason: 'left-out-of-full-import', closedAt: '2026-07-27T08:00:00.000Z' },
    ],
  );

  // A redelivered import.completed finds nothing left to change.
  const blobKey = 'imports/weekly-2/chunk-000000.json';
  await stack.crm.publisher.publish([
    {
      detailType: 'import.completed',
      data: { importId: 'weekly-2', mode: 'full', chunkBlobKeys: [blobKey], completedAt: '2026-07-27T08:00:00.000Z' },
    },
  ]);
  await stack.drain();
  assert.equal(published('job.closed').length, 2);
  assert.deepEqual(await stack.deadLetters(), []);
});

test('a later full import that holds a job it closed reopens it', async () => {
  stack.clock.set(new Date('2026-08-03T08:00:00.000Z'));
  await importRows('weekly-3', 'full', ['a', 'b', 'c']);
  assert.deepEqual(await openImported(), ['import:a', 'import:b', 'import:c']);
  const [reopened] = published('job.reopened');
  assert.deepEqual(reopened, {
    jobId: 'import:b',
    reopenedAt: '2026-08-03T08:00:00.000Z',
    closedAt: '2026-07-27T08:00:00.000Z',
    previousCloseReason: 'left-out-of-full-import',
    searchId: 'import',
    runId: 'weekly-3',
  });
});

test('a full import whose chunk is gone closes nothing and is dead-lettered with the reason', async () => {
  await stack.crm.publisher.publish([
    {
      detailType: 'import.completed',
      data: {
        importId: 'weekly-4',
        mode: 'full',
        chunkBlobKeys: ['imports/weekly-4/chunk-000000.json'],
        completedAt: '2026-08-10T08:00:00.000Z',
      },
    },
  ]);
  await stack.drain();
  assert.deepEqual(await openImported(), ['import:a', 'import:b', 'import:c']);
  const [letter] = await stack.deadLetters();
  assert.match(letter?.reason ?? '', /full import not applied: chunk 'imports\/weekly-4\/chunk-000000.json' is not in the blob store/);
});
