import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi();
});
after(() => api.close());

const get = (url: string) => api.app.inject({ method: 'GET', url, headers: api.auth });
const putConfig = (config: unknown) => api.app.inject({ method: 'PUT', url: '/config', headers: api.auth, payload: { config } });
const searchWithUrl = (url: string, allowPrivateHosts?: string[]) => ({
  tracks: [],
  searches: [{ id: 'pages', source: 'jsonld', urls: [url], ...(allowPrivateHosts ? { allowPrivateHosts } : {}) }],
});

test('numbers too large to be finite are refused with 400 naming the parameter, on every numeric query parameter', async () => {
  for (const [url, parameter] of [
    ['/jobs?limit=1e309', 'limit'],
    ['/jobs?limit=-1e309', 'limit'],
    ['/jobs?minScore=1e309', 'minScore'],
    ['/jobs?salaryMin=1e400&salaryMax=2e400', 'salaryMin'],
    ['/jobs/export.csv?max=1e309', 'max'],
    ['/imports/some-import?rejectedPage=1e309', 'rejectedPage'],
  ] as const) {
    const response = await get(url);
    assert.equal(response.statusCode, 400, url);
    assert.equal(response.json().error, 'validation_failed', url);
    assert.match(response.json().message, new RegExp(`querystring/${parameter}: must be a finite number`), url);
  }
});

/** A request the API has not answered by then: a blank number opened the live stream, which never ends. */
const ANSWER_LIMIT_MS = 10_000;

interface DocumentedParameter {
  readonly name: string;
  readonly in: string;
  readonly schema?: { readonly type?: string; readonly items?: { readonly type?: string } };
}

/** Every query parameter the OpenAPI document declares as a number or integer (or a list of them), with its operation. */
function numericQueryParameters(): { method: string; path: string; parameter: string }[] {
  const document = api.app.swagger() as unknown as { paths: Record<string, Record<string, { parameters?: DocumentedParameter[] }>> };
  const numeric = (type: string | undefined) => type === 'number' || type === 'integer';
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) =>
      (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .filter((parameter) => numeric(parameter.schema?.type) || numeric(parameter.schema?.items?.type))
        .map((parameter) => ({ method: method.toUpperCase(), path, parameter: parameter.name })),
    ),
  );
}

test('a blank number in the query is refused with 400 naming the parameter on every route that takes one, not read as 0', async () => {
  const parameters = numericQueryParameters();
  const names = new Set(parameters.map(({ method, path, parameter }) => `${method} ${path} ${parameter}`));
  for (const expected of [
    'GET /live minScore',
    'GET /jobs minScore',
    'GET /jobs limit',
    'GET /jobs/export.csv max',
    'GET /inbox salaryMin',
  ])
    assert.ok(names.has(expected), `the OpenAPI document lists ${expected}`);
  for (const { method, path, parameter } of parameters) {
    for (const blank of ['%20', '%09', '%20%20', '', `1&${parameter}=%20`]) {
      const url = `${path.replace(/\{\w+\}/g, 'some-id')}?${parameter}=${blank}`;
      let timer: NodeJS.Timeout | undefined;
      const unanswered = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_LIMIT_MS} ms: ${method} ${url}`)), ANSWER_LIMIT_MS);
      });
      const request = api.app.inject({ method: method as 'GET', url, headers: api.auth });
      const response = await Promise.race([request, unanswered]).finally(() => clearTimeout(timer));
      const answered = `${method} ${url}: ${response.statusCode} ${response.body.slice(0, 200)}`;
      assert.equal(response.statusCode, 400, answered);
      assert.equal(response.json().error, 'validation_failed', answered);
      assert.match(response.json().message, new RegExp(`querystring/${parameter}: must be a number, not blank`), answered);
    }
  }
});

test('a multipart upload without a boundary is 400 with a message, not 500', async () => {
  const response = await api.app.inject({
    method: 'POST',
    url: '/imports/csv',
    headers: { ...api.auth, 'content-type': 'multipart/form-data' },
    payload: 'title,company,url\n',
  });
  assert.equal(response.statusCode, 400);
  assert.equal(response.json().error, 'malformed_multipart');
  assert.match(response.json().message, /multipart body cannot be read: .*boundary/i);
});

test('PUT /config refuses search URLs that are not http(s) or point at internal hosts, in every spelling', async () => {
  for (const url of [
    'file:///etc/passwd',
    'gopher://example.com/_x',
    'javascript:alert(1)',
    'http://169.254.169.254/latest/meta-data/',
    'http://127.0.0.1:4010/careers',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0177.0.0.1/',
    'http://localhost:8080/',
    'http://api.localhost/',
    'http://10.1.2.3/',
    'http://192.168.0.10/',
    'http://172.16.5.4/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[fe80::1]/',
    'http://[fd00::1]/',
  ]) {
    const response = await putConfig(searchWithUrl(url));
    assert.equal(response.statusCode, 400, url);
    assert.equal(response.json().error, 'unsafe_url', url);
    assert.match(response.json().message, /\/searches\/0\/urls\/0: (uses '|points at ')/, url);
  }
  assert.equal((await get('/config')).json().version, 0, 'nothing was stored');
});

test('a public https URL is fine, and an internal host is accepted once the search allows it explicitly', async () => {
  assert.equal((await putConfig(searchWithUrl('https://careers.example.com/jobs'))).statusCode, 200);
  assert.equal((await putConfig(searchWithUrl('http://127.0.0.1:4010/careers', ['127.0.0.1']))).statusCode, 200);
  assert.equal((await putConfig(searchWithUrl('http://2130706433/', ['127.0.0.1']))).statusCode, 200, 'the same host in another spelling');
  assert.equal((await putConfig(searchWithUrl('http://[::1]:4010/', ['::1']))).statusCode, 200);
  const otherHost = await putConfig(searchWithUrl('http://169.254.169.254/', ['127.0.0.1']));
  assert.equal(otherHost.statusCode, 400, 'allowing one host allows no other');
  assert.match(otherHost.json().message, /'169\.254\.169\.254', a linkLocal address/);
  const notWeb = await putConfig(searchWithUrl('file:///etc/passwd', ['127.0.0.1', 'localhost']));
  assert.equal(notWeb.statusCode, 400, 'no allowance makes a non-http scheme fetchable');
});

test('imported rows keep only http(s) URLs; others are rejected with the reason', async () => {
  const rows = [
    { title: 'Data Engineer', company: 'Acme', url: 'https://jobs.example.com/1' },
    { title: 'Data Engineer', company: 'Acme', url: 'javascript:alert(1)' },
    { title: 'Data Engineer', company: 'Acme', url: 'file:///etc/passwd' },
  ];
  const response = await api.app.inject({ method: 'POST', url: '/imports/jobs', headers: api.auth, payload: { rows } });
  assert.equal(response.statusCode, 202);
  const body = response.json();
  assert.deepEqual([body.summary.accepted, body.summary.rejected], [1, 2]);
  assert.deepEqual(
    body.rejectedRows.map((row: { rowNumber: number; errors: string[] }) => [row.rowNumber, row.errors.join()]),
    [
      [2, "url: uses 'javascript'; only http and https URLs are allowed"],
      [3, "url: uses 'file'; only http and https URLs are allowed"],
    ],
  );
});

test('a multipart upload cut off before its closing boundary is 400 (over a real socket)', async () => {
  const origin = await api.app.listen({ port: 0, host: '127.0.0.1' });
  const response = await fetch(`${origin}/imports/csv`, {
    method: 'POST',
    headers: { ...api.auth, 'content-type': 'multipart/form-data; boundary=cut' },
    body: '--cut\r\nContent-Disposition: form-data; name="file"; filename="jobs.csv"\r\n\r\ntitle,company,url\r\nData Engineer,Acme,https://jobs.example.com/1\r\n',
  });
  assert.equal(response.status, 400);
  const body = (await response.json()) as { error: string; message: string };
  assert.equal(body.error, 'invalid_csv');
  assert.match(body.message, /unexpected end of multipart data/);
});

test('a search that allows a private host can be run now: the scrape request carries its urls, not the allowance', async () => {
  assert.equal((await putConfig(searchWithUrl('http://127.0.0.1:4010/careers', ['127.0.0.1']))).statusCode, 200);
  const response = await api.app.inject({ method: 'POST', url: '/scrape', headers: api.auth, payload: { searchId: 'pages' } });
  assert.equal(response.statusCode, 202);
  const requested = api.published('scrape.requested').at(-1);
  assert.deepEqual(requested, {
    searchId: 'pages',
    source: 'jsonld',
    urls: ['http://127.0.0.1:4010/careers'],
    runId: response.json().runId,
    requestedBy: 'user',
  });
});
