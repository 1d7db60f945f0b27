import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { feedScored, scoredData, startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi();
  const posting = (jobId: string, score: number, canonicalJobId?: string) =>
    scoredData(jobId, {
      score,
      job: {
        title: 'Platform Engineer',
        company: 'Fjordtech',
        source: jobId.startsWith('lever') ? 'lever' : jobId.startsWith('ashby') ? 'ashby' : 'greenhouse',
        ...(canonicalJobId ? { canonicalJobId } : {}),
      },
    });
  // One job on three boards (the canonical greenhouse posting, copies on lever and ashby), and two jobs alone.
  await feedScored(
    api,
    posting('greenhouse:fj-1', 72),
    posting('lever:fj-1', 81, 'greenhouse:fj-1'),
    posting('ashby:fj-1', 72, 'greenhouse:fj-1'),
    scoredData('greenhouse:solo-2', { score: 90 }),
    scoredData('greenhouse:solo-3', { score: 60 }),
  );
});
after(() => api.close());

const get = async (url: string) => {
  const response = await api.app.inject({ method: 'GET', url, headers: api.auth });
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as {
    items: { jobId: string; alsoOn?: { jobId: string; source: string; url: string; score: number }[] }[];
    nextCursor: string | null;
  };
};
const rows = (body: Awaited<ReturnType<typeof get>>) => body.items.map((item) => [item.jobId, item.alsoOn?.map((other) => other.source)]);

test('GET /jobs lists a job posted on several boards once, the best-scored posting with "also on" the others', async () => {
  const body = await get('/jobs');
  assert.deepEqual(rows(body), [
    ['greenhouse:solo-2', undefined],
    ['lever:fj-1', ['greenhouse', 'ashby']],
    ['greenhouse:solo-3', undefined],
  ]);
  assert.deepEqual(body.items[1]!.alsoOn![0], {
    jobId: 'greenhouse:fj-1',
    source: 'greenhouse',
    url: 'https://jobs.example.com/greenhouse%3Afj-1',
    score: 72,
  });
  assert.deepEqual(rows(await get('/inbox')), rows(body), 'the inbox collapses the same');
});

test('pages of collapsed rows are full while more rows exist, and the rows are counted once', async () => {
  const first = await get('/jobs?limit=2');
  assert.deepEqual(rows(first), [
    ['greenhouse:solo-2', undefined],
    ['lever:fj-1', ['greenhouse', 'ashby']],
  ]);
  assert.ok(first.nextCursor);
  const second = await get(`/jobs?limit=2&cursor=${first.nextCursor}`);
  assert.deepEqual(rows(second), [['greenhouse:solo-3', undefined]]);
  assert.equal(second.nextCursor, null);
});

test('collapse=false lists every posting; filters choose the postings before they are collapsed', async () => {
  assert.deepEqual(
    (await get('/jobs?collapse=false')).items.map((item) => item.jobId),
    ['greenhouse:solo-2', 'lever:fj-1', 'greenhouse:fj-1', 'ashby:fj-1', 'greenhouse:solo-3'],
  );
  assert.deepEqual(rows(await get('/jobs?source=greenhouse')), [
    ['greenhouse:solo-2', undefined],
    ['greenhouse:fj-1', undefined],
    ['greenhouse:solo-3', undefined],
  ]);
  assert.deepEqual(rows(await get('/jobs?minScore=75')), [
    ['greenhouse:solo-2', undefined],
    ['lever:fj-1', undefined],
  ]);
  const bad = await api.app.inject({ method: 'GET', url: '/jobs?collapse=perhaps', headers: api.auth });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().message, /collapse/);
});

test('the OpenAPI document describes collapse and alsoOn', async () => {
  const document = (await api.app.inject({ method: 'GET', url: '/docs/json' })).json();
  const parameters = document.paths['/jobs'].get.parameters as { name: string; schema: { default?: unknown } }[];
  assert.equal(parameters.find((parameter) => parameter.name === 'collapse')?.schema.default, true);
  assert.ok(JSON.stringify(document).includes('alsoOn'));
});
