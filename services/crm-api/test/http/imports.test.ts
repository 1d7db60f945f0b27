import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { silentLogger } from '@jobpipe/shared';
import { busEvent } from '@jobpipe/test-kit';
import { startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi();
});
after(() => api.close());

const row = (i: number) => ({
  externalId: `ext-${i}`,
  title: `Data Engineer ${i}`,
  company: 'Acme',
  url: `https://jobs.example.com/${i}`,
  skills: ['python'],
});
const handlerContext = () => ({ publish: (events: never[]) => api.ports.publisher.publish(events), logger: silentLogger, receiveCount: 1 });
const postRows = (rows: unknown[], mode?: string) =>
  api.app.inject({ method: 'POST', url: '/imports/jobs', headers: api.auth, payload: { rows, ...(mode ? { mode } : {}) } });

test('1000 JSON rows are accepted in one chunk; 1001 is 413 with a clear message', async () => {
  const rows = Array.from({ length: 1000 }, (_, i) => row(i));
  const response = await postRows(rows);
  assert.equal(response.statusCode, 202);
  const { summary } = response.json();
  assert.deepEqual([summary.totalRows, summary.accepted, summary.rejected, summary.chunks, summary.status], [1000, 1000, 0, 1, 'loading']);
  const [chunk] = api.published('import.chunk').filter((event) => event.importId === summary.importId);
  assert.deepEqual(
    { ...chunk, blobKey: undefined },
    { importId: summary.importId, chunkIndex: 0, blobKey: undefined, rowCount: 1000, firstRowNumber: 1, mode: 'incremental' },
  );
  const blob = JSON.parse(String(await api.ports.blobs.get(chunk!.blobKey)));
  assert.deepEqual(blob.rows[999], { rowNumber: 1000, row: row(999) });

  const tooMany = await postRows([...rows, row(1000)]);
  assert.equal(tooMany.statusCode, 413);
  assert.equal(tooMany.json().error, 'too_many_rows');
  assert.match(tooMany.json().message, /at most 1000 rows; this one has 1001/);
  assert.deepEqual(tooMany.json().details, { limit: 1000, received: 1001 });
});

test('invalid rows are answered one by one; valid rows are loaded once even when sent twice', async () => {
  const rows = [row(1), { title: 'No company', url: 'https://x.example/1' }, row(2), { ...row(3), url: 'not a url', salaryMin: -1 }];
  const first = await postRows(rows, 'full');
  assert.equal(first.statusCode, 202);
  const body = first.json();
  assert.deepEqual([body.summary.accepted, body.summary.rejected, body.summary.mode, body.duplicate], [2, 2, 'full', false]);
  assert.deepEqual(
    body.rejectedRows.map((rejected: { rowNumber: number }) => rejected.rowNumber),
    [2, 4],
  );
  assert.match(body.rejectedRows[0].errors.join(), /company: is required/);
  assert.match(body.rejectedRows[1].errors.join(), /url/);
  assert.match(body.rejectedRows[1].errors.join(), /salaryMin/);
  const chunksBefore = api.published('import.chunk').length;
  const again = await postRows(rows, 'full');
  assert.equal(again.statusCode, 200);
  assert.equal(again.json().duplicate, true);
  assert.equal(api.published('import.chunk').length, chunksBefore, 'no chunk sent twice');

  const none = await postRows([{ title: 'x' }]);
  assert.equal(none.statusCode, 422);
  assert.equal(none.json().error, 'no_valid_rows');
  for (const payload of [{ rows: [] }, { rows: 'abc' }, {}, { rows: [row(1)], mode: 'sometimes' }, { rows: [1] }]) {
    const response = await api.app.inject({ method: 'POST', url: '/imports/jobs', headers: api.auth, payload });
    assert.equal(response.statusCode, 400, JSON.stringify(payload));
  }
});

function csvOf(rows: number, badEvery: number): string {
  const lines = ['externalId,title,company,url,remote,salaryMin,skills'];
  for (let i = 1; i <= rows; i++) {
    if (i % badEvery === 0) lines.push(`bad-${i},"Broken, row",Acme,not-a-url,yes,1000,python`);
    else lines.push(`id-${i},"Engineer ""${i}""",Acme,https://jobs.example.com/${i},${i % 2 ? 'yes' : 'no'},${1000 + i},python;sql`);
  }
  return `${lines.join('\n')}\n`;
}

test('a CSV of 25,000 rows with 1% bad rows: 24,750 accepted in 25 chunks, 250 rejected with reasons', async () => {
  const response = await api.app.inject({
    method: 'POST',
    url: '/imports/csv?mode=full&importId=big-csv',
    headers: { ...api.auth, 'content-type': 'text/csv' },
    payload: csvOf(25_000, 100),
  });
  assert.equal(response.statusCode, 202, response.body);
  assert.equal(response.headers.location, '/imports/big-csv');
  const summary = response.json();
  assert.deepEqual(
    [summary.totalRows, summary.accepted, summary.rejected, summary.chunks, summary.status],
    [25_000, 24_750, 250, 25, 'loading'],
  );
  const chunks = api.published('import.chunk').filter((event) => event.importId === 'big-csv');
  assert.equal(chunks.length, 25);
  assert.equal(
    chunks.reduce((sum, chunk) => sum + chunk.rowCount, 0),
    24_750,
  );
  assert.ok(chunks.every((chunk) => chunk.mode === 'full' && chunk.rowCount <= 1000));
  const last = JSON.parse(String(await api.ports.blobs.get(chunks[24]!.blobKey)));
  assert.deepEqual(last.rows.at(-1), {
    rowNumber: 24_999,
    row: {
      externalId: 'id-24999',
      title: 'Engineer "24999"',
      company: 'Acme',
      url: 'https://jobs.example.com/24999',
      remote: true,
      salaryMin: 25_999,
      skills: ['python', 'sql'],
    },
  });
  const progress = (await api.app.inject({ method: 'GET', url: '/imports/big-csv', headers: api.auth })).json();
  assert.equal(progress.summary.rejected, 250);
  assert.equal(progress.rejectedPages, 1);
  assert.equal(progress.rejectedRows.length, 250);
  assert.deepEqual(progress.rejectedRows[0], { rowNumber: 100, errors: ['/url: must match format "uri"'] });
});

test('a CSV sent as multipart/form-data is read the same way; a wrong cell count rejects that row only', async () => {
  const csv = 'title,company,url\nData Engineer,Acme,https://a.example/1\nToo,many,cells,here\n';
  const boundary = '----jobpipe-test';
  const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="jobs.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
  const response = await api.app.inject({
    method: 'POST',
    url: '/imports/csv',
    headers: { ...api.auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  assert.equal(response.statusCode, 202, response.body);
  assert.deepEqual([response.json().accepted, response.json().rejected], [1, 1]);
  const progress = (await api.app.inject({ method: 'GET', url: `/imports/${response.json().importId}`, headers: api.auth })).json();
  assert.deepEqual(progress.rejectedRows, [{ rowNumber: 2, errors: ['has 4 cells; the header has 3'] }]);
});

test('a bad CSV header, an empty or broken CSV, an unknown import and a reused id are refused clearly', async () => {
  const send = (payload: string, query = '') =>
    api.app.inject({ method: 'POST', url: `/imports/csv${query}`, headers: { ...api.auth, 'content-type': 'text/csv' }, payload });
  const header = await send('title,company,colour\nx,y,z\n');
  assert.equal(header.statusCode, 400);
  assert.deepEqual(header.json().details, { unknownColumns: ['colour'], missingColumns: ['url'], duplicatedColumns: [] });
  assert.equal((await send('')).json().error, 'empty_csv');
  const broken = await send('title,company,url\n"unclosed,Acme,https://a.example/1\n');
  assert.equal(broken.statusCode, 400);
  assert.equal(broken.json().error, 'invalid_csv');
  assert.equal((await send('title,company,url\nA,B,https://a.example/1\n', '?importId=big-csv')).statusCode, 409);
  assert.equal((await api.app.inject({ method: 'GET', url: '/imports/nope', headers: api.auth })).statusCode, 404);
  const wrongType = await api.app.inject({
    method: 'POST',
    url: '/imports/csv',
    headers: { ...api.auth, 'content-type': 'application/xml' },
    payload: '<a/>',
  });
  assert.equal(wrongType.statusCode, 415);
  assert.equal(wrongType.json().error, 'unsupported_media_type');
});

test('an import is done only when the parser reported every chunk; rows it refused are counted and listed as rejected', async () => {
  const rows = [row(101), row(102), row(103)];
  const response = await postRows(rows);
  assert.equal(response.statusCode, 202);
  const { importId } = response.json().summary;
  const progress = async () => (await api.app.inject({ method: 'GET', url: `/imports/${importId}`, headers: api.auth })).json();
  const before = await progress();
  assert.deepEqual([before.summary.status, before.summary.accepted, before.summary.rejected], ['loading', 3, 0]);

  const report = busEvent(
    'import.chunk-loaded',
    {
      importId,
      chunkIndex: 0,
      rowCount: 3,
      stored: 1,
      rejectedRows: [
        { rowNumber: 2, errors: ['no job title'] },
        { rowNumber: 3, errors: ['the posting has no description or title'] },
      ],
    },
    'parser',
  );
  await api.handlers['import.chunk-loaded@1'](report, handlerContext() as never);
  await api.handlers['import.chunk-loaded@1'](report, handlerContext() as never);
  const after = await progress();
  assert.deepEqual(
    [after.summary.status, after.summary.totalRows, after.summary.accepted, after.summary.rejected],
    ['done', 3, 1, 2],
    'a redelivered report counts once',
  );
  assert.deepEqual(after.loadRejectedRows, [
    { rowNumber: 2, errors: ['no job title'] },
    { rowNumber: 3, errors: ['the posting has no description or title'] },
  ]);
});

test('once the parser reported every chunk of a finished import, import.completed names the import, its mode and every chunk', async () => {
  const response = await api.app.inject({
    method: 'POST',
    url: '/imports/csv?mode=full&importId=weekly-full',
    headers: { ...api.auth, 'content-type': 'text/csv' },
    payload: [
      'externalId,title,company,url',
      ...Array.from({ length: 1500 }, (_, i) => `w-${i},Engineer ${i},Acme,https://jobs.example.com/w/${i}`),
    ].join('\n'),
  });
  assert.equal(response.statusCode, 202, response.body);
  const chunks = api.published('import.chunk').filter((chunk) => chunk.importId === 'weekly-full');
  assert.equal(chunks.length, 2);
  const completed = () => api.published('import.completed').filter((done) => done.importId === 'weekly-full');
  const reportOf = (chunk: (typeof chunks)[number]) =>
    busEvent(
      'import.chunk-loaded',
      { importId: 'weekly-full', chunkIndex: chunk.chunkIndex, rowCount: chunk.rowCount, stored: chunk.rowCount, rejectedRows: [] },
      'parser',
    );
  await api.handlers['import.chunk-loaded@1'](reportOf(chunks[1]!), handlerContext() as never);
  assert.deepEqual(completed(), [], 'one chunk is still unreported');
  await api.handlers['import.chunk-loaded@1'](reportOf(chunks[0]!), handlerContext() as never);
  assert.deepEqual(completed(), [
    { importId: 'weekly-full', mode: 'full', chunkBlobKeys: chunks.map((chunk) => chunk.blobKey), completedAt: '2026-03-01T12:00:00.000Z' },
  ]);
});
