import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { scraperHarness } from '../support/harness.js';

type Harness = Awaited<ReturnType<typeof scraperHarness>>;
let h: Harness;

before(async () => {
  h = await scraperHarness({ postings: 220, broken: 0 });
});
after(() => h.close());

const RECORDED = 'marlow-biolabs';
const sorted = (values: readonly string[]) => [...values].sort();

test('Workable: the account widget lists every job in one answer (no paging), then each job detail is fetched', async () => {
  const before = h.replay.requests.length;
  assert.equal((await h.run(h.request('workable', 'wk-1'))).kind, 'ack');
  const events = h.scrapedOf('workable', 'wk-1');
  assert.deepEqual(sorted(events.map((event) => event.externalId)), sorted(h.served('workable')));
  const accounts = h.replay.boards.workable!;
  const requests = h.replay.requests.slice(before);
  assert.deepEqual(
    sorted(requests.filter((request) => request.path.startsWith('/api/v1/widget/')).map((request) => request.path)),
    sorted(accounts.map((account) => `/api/v1/widget/accounts/${account}`)),
  );
  assert.equal(requests.filter((request) => request.path.startsWith('/api/v2/accounts/')).length, events.length, 'one detail per job');
  const one = events.find((event) => event.externalId === 'A3F7C21D9E')!;
  assert.equal(one.url, `${h.replay.origin}/api/v2/accounts/${RECORDED}/jobs/A3F7C21D9E`);
  assert.match(JSON.parse((await h.ports.blobs.get(one.blobKey))!.toString()).benefits, /£55,000/);
  assert.equal(h.finished('wk-1')!.status, 'complete');
});

test('Workable: the next run reads the widget again and asks each detail conditionally: an edited job is published, the others are 304s', async () => {
  h.replay.touch('workable', '7B2E90F4C1');
  const before = h.replay.requests.length;
  assert.equal((await h.run({ ...h.request('workable', 'wk-2'), boards: [RECORDED] })).kind, 'ack');
  assert.deepEqual(
    h.scrapedOf('workable', 'wk-2').map((event) => event.externalId),
    ['7B2E90F4C1'],
  );
  const details = h.replay.requests.slice(before).filter((request) => request.path.startsWith('/api/v2/'));
  assert.deepEqual(sorted(details.map((request) => String(request.status))), ['200', '304', '304']);
  assert.equal(h.finished('wk-2')!.coverage.fetched, 3);
});

test('Workable: a 429 with Retry-After on a job detail is waited out', async () => {
  const account = h.replay.boards.workable!.find((name) => name !== RECORDED)!;
  h.replay.touch('workable', h.served('workable').find((id) => !['A3F7C21D9E', '7B2E90F4C1', 'D41C8A7730'].includes(id))!);
  const before = h.replay.requests.length;
  h.replay.faults.inject(`/api/v2/accounts/${account}/jobs/`, 'throttle', 1);
  assert.equal((await h.run({ ...h.request('workable', 'wk-3'), boards: [account] })).kind, 'ack');
  const details = h.replay.requests.slice(before).filter((request) => request.path.startsWith(`/api/v2/accounts/${account}/jobs/`));
  const throttled = details.findIndex((request) => request.status === 429);
  assert.ok(throttled >= 0, 'one detail was throttled');
  const retried = details.slice(throttled + 1).find((request) => request.path === details[throttled]!.path)!;
  assert.ok(retried.at - details[throttled]!.at >= h.replay.faults.retryAfterSeconds * 1000 - 50, 'waited as long as Retry-After said');
  assert.equal(h.finished('wk-3')!.status, 'complete');
  assert.equal(h.finished('wk-3')!.coverage.postingsFailed, 0);
});

test('Workable: an unknown account (404) and a bad name fail their boards; a job whose detail keeps failing fails alone', async () => {
  assert.equal((await h.run({ ...h.request('workable', 'wk-4'), boards: ['no-such-account', 'bad/../name', RECORDED] })).kind, 'ack');
  const boards = h.finished('wk-4')!.boards ?? [];
  assert.equal(boards.find((entry) => entry.board === 'no-such-account')?.status, 'failed');
  assert.equal(boards.find((entry) => entry.board === 'bad/../name')?.status, 'failed');
  h.replay.faults.inject(`/api/v2/accounts/${RECORDED}/jobs/7B2E90F4C1`, 'error', 10);
  // The others are read; the run is retried later for the one that failed on server errors.
  assert.equal((await h.run({ ...h.request('workable', 'wk-5'), boards: [RECORDED] })).kind, 'retry');
  assert.equal(h.finished('wk-5')!.coverage.postingsFailed, 1);
  assert.equal(h.finished('wk-5')!.status, 'partial');
});
