import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { exampleTableItem } from '@jobpipe/test-kit';
import { parse } from 'csv-parse/sync';
import { feedScored, scoredData, startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi();
  await feedScored(
    api,
    scoredData('greenhouse:1', {
      score: 91,
      job: { title: 'Senior Data Engineer', company: 'Acme', remote: true, annualSalaryMax: 150000, postedAt: '2026-02-27T00:00:00.000Z' },
    }),
    scoredData('lever:2', {
      score: 75,
      track: 'backend',
      job: { title: 'Backend Engineer', company: 'Globex', source: 'lever', annualSalaryMax: null, skills: ['go'] },
    }),
    scoredData('mcf:3', {
      score: 60,
      job: {
        title: "=cmd|' /C calc'!A0",
        company: '+Evil Corp',
        source: 'mcf',
        annualSalaryMax: 90000,
        postedAt: '2026-02-10T00:00:00.000Z',
      },
    }),
    scoredData('jsonld:4', {
      score: 30,
      job: { title: 'Python Developer', company: 'acme', source: 'jsonld', skills: ['python', 'django'] },
    }),
  );
  await api.ports.tables.put(
    'jobs',
    exampleTableItem('jobs', 'valid-basic', {
      jobId: 'greenhouse:1',
      source: 'greenhouse',
      externalId: '1',
      title: 'Senior Data Engineer',
      company: 'Acme',
      canonicalUrl: 'https://boards.example.com/acme/1',
      descriptionHtml: '<p>Build <b>pipelines</b></p>',
      descriptionText: 'Build pipelines',
      dedupeKey: 'acme|senior data engineer',
    }),
  );
  await api.ports.tables.put(
    'jobs',
    exampleTableItem('jobs', 'valid-basic', {
      jobId: 'lever:9',
      source: 'lever',
      externalId: '9',
      title: 'Senior Data Engineer',
      company: 'Acme',
      canonicalUrl: 'https://jobs.example.com/acme/9',
      dedupeKey: 'acme|senior data engineer',
      canonicalJobId: 'greenhouse:1',
      duplicateConfidence: 0.93,
    }),
  );
});
after(() => api.close());

const get = (url: string) => api.app.inject({ method: 'GET', url, headers: api.auth });
const ids = (body: { items: { jobId: string }[] }) => body.items.map((item) => item.jobId);

test('jobs are listed by score, best first, and filtered', async () => {
  assert.deepEqual(ids((await get('/jobs')).json()), ['greenhouse:1', 'lever:2', 'mcf:3', 'jsonld:4']);
  assert.deepEqual(ids((await get('/jobs?minScore=60&track=data-engineering')).json()), ['greenhouse:1', 'mcf:3']);
  assert.deepEqual(ids((await get('/jobs?company=ACME')).json()), ['greenhouse:1', 'jsonld:4']);
  assert.deepEqual(ids((await get('/jobs?source=lever&source=jsonld')).json()), ['lever:2', 'jsonld:4']);
  assert.deepEqual(ids((await get('/jobs?remote=true')).json()), ['greenhouse:1']);
  assert.deepEqual(ids((await get('/jobs?salaryMin=100000')).json()), ['greenhouse:1', 'jsonld:4']);
  assert.deepEqual(ids((await get('/jobs?salaryMax=100000')).json()), ['mcf:3']);
  assert.deepEqual(ids((await get('/jobs?postedSince=2026-02-15')).json()), ['greenhouse:1', 'lever:2', 'jsonld:4']);
  assert.deepEqual(ids((await get('/jobs?q=pyth')).json()), ['greenhouse:1', 'mcf:3', 'jsonld:4']);
  assert.deepEqual(ids((await get('/jobs?q=backend%20glob')).json()), ['lever:2']);
  assert.deepEqual(ids((await get('/jobs?q=nothing-like-this')).json()), []);
  assert.deepEqual(ids((await get('/jobs?stage=new&stage=screened')).json()).length, 4);
});

test('sorting by salary puts jobs without a salary last; by posted, newest first', async () => {
  assert.deepEqual(ids((await get('/jobs?sort=salary')).json()), ['greenhouse:1', 'jsonld:4', 'mcf:3', 'lever:2']);
  assert.deepEqual(ids((await get('/jobs?sort=posted&order=asc')).json())[0], 'mcf:3');
});

test('cursor pagination walks every job once, in order', async () => {
  const seen: string[] = [];
  let url = '/jobs?limit=3';
  for (;;) {
    const body = (await get(url)).json();
    seen.push(...ids(body));
    if (!body.nextCursor) break;
    url = `/jobs?limit=3&cursor=${body.nextCursor}`;
  }
  assert.deepEqual(seen, ['greenhouse:1', 'lever:2', 'mcf:3', 'jsonld:4']);
});

test('bad filters are 400 in the error shape, naming the field', async () => {
  for (const [url, field] of [
    ['/jobs?minScore=101', 'minScore'],
    ['/jobs?limit=0', 'limit'],
    ['/jobs?stage=interviewed', 'stage'],
    ['/jobs?sort=random', 'sort'],
    ['/jobs?colour=blue', 'colour'],
    ['/jobs?postedSince=yesterday', 'postedSince'],
    ['/jobs?remote=perhaps', 'remote'],
  ] as const) {
    const response = await get(url);
    assert.equal(response.statusCode, 400, url);
    assert.equal(response.json().error, 'validation_failed');
    assert.match(response.json().message, new RegExp(field), url);
  }
  const cursor = await get('/jobs?cursor=garbage');
  assert.equal(cursor.json().error, 'invalid_cursor');
  const firstPage = (await get('/jobs?limit=1')).json();
  const otherSort = await get(`/jobs?limit=1&sort=posted&cursor=${firstPage.nextCursor}`);
  assert.equal(otherSort.statusCode, 400);
  assert.equal((await get('/jobs?salaryMin=10&salaryMax=5')).json().error, 'invalid_salary_range');
});

test('a job shows its description, reasons, CRM state, history and duplicates', async () => {
  const response = await get(`/jobs/${encodeURIComponent('greenhouse:1')}`);
  assert.equal(response.statusCode, 200);
  const body = response.json();
  assert.equal(body.summary.title, 'Senior Data Engineer');
  assert.equal(body.description.html, '<p>Build <b>pipelines</b></p>');
  assert.equal(body.reasons[0].kind, 'title');
  assert.deepEqual(body.crm, { stage: 'new', closedReason: null, updatedAt: null, allowedNext: ['screened', 'closed'], responses: 0 });
  assert.deepEqual(body.history, []);
  assert.deepEqual(body.duplicates, [
    {
      jobId: 'lever:9',
      title: 'Senior Data Engineer',
      company: 'Acme',
      url: 'https://jobs.example.com/acme/9',
      confidence: 0.93,
      canonical: false,
    },
  ]);
  assert.equal((await get('/jobs/mcf:none')).statusCode, 404);
  assert.equal((await get('/jobs/mcf:none')).json().error, 'job_not_found');
  assert.equal((await get('/jobs/not-a-job-id')).statusCode, 400);
});

test('the CSV export neutralizes formula cells and keeps every job', async () => {
  const response = await get('/jobs/export.csv');
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^text\/csv/);
  const rows = parse(response.body, { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, 4);
  const evil = rows.find((row) => row.jobId === 'mcf:3')!;
  assert.equal(evil.title, "'=cmd|' /C calc'!A0");
  assert.equal(evil.company, "'+Evil Corp");
  assert.equal(rows.find((row) => row.jobId === 'greenhouse:1')!.remote, 'true');
  const filtered = parse((await get('/jobs/export.csv?minScore=70')).body, { columns: true }) as unknown[];
  assert.equal(filtered.length, 2);
});

test('a repeated or older job.scored changes nothing; a newer one rescored', async () => {
  await feedScored(api, scoredData('greenhouse:1', { score: 10, scoredAt: '2026-02-01T00:00:00.000Z' }));
  assert.equal((await get('/jobs?limit=1')).json().items[0].score, 91);
  await feedScored(
    api,
    scoredData('jsonld:4', {
      score: 99,
      scoredAt: '2026-03-01T11:00:00.000Z',
      job: { title: 'Python Developer', company: 'acme', source: 'jsonld' },
    }),
  );
  assert.equal((await get('/jobs?limit=1')).json().items[0].jobId, 'jsonld:4');
});
