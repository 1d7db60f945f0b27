import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isScrapeSource } from '@jobpipe/contracts';
import { DISCOVERABLE_ATS } from '../../src/domain/source-discovery/discovered-source.js';
import { startTestApi, type TestApi } from '../helpers.js';

const pages = join(import.meta.dirname, '..', 'fixtures', 'source-discovery', 'pages');

let api: TestApi;
let site: Server;
let siteUrl: string;
before(async () => {
  api = await startTestApi();
  // A careers site on 127.0.0.1: a Greenhouse embed, a page with nothing on it, and a redirect to the metadata address.
  site = createServer((request, response) => {
    if (request.url === '/careers')
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(join(pages, 'orbitalfoods-careers.html')));
    else if (request.url === '/about')
      response.writeHead(200, { 'content-type': 'text/html' }).end(readFileSync(join(pages, 'careers-no-ats.html')));
    else if (request.url === '/to-metadata') response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    else if (request.url === '/to-board') response.writeHead(301, { location: 'https://jobs.lever.co/northwind' }).end();
    else response.writeHead(404).end('not here');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
after(async () => {
  site.close();
  await api.close();
});

async function resolve(body: unknown) {
  const response = await api.app.inject({ method: 'POST', url: '/sources/resolve', headers: api.auth, payload: body as object });
  return { status: response.statusCode, body: response.json() };
}

test('an ATS URL is answered from its shape with the search to add, which the config accepts as it is', async () => {
  const answer = await resolve({ url: 'https://job-boards.greenhouse.io/acmerobotics/jobs/4012345' });
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.body, {
    status: 'recognized',
    source: 'greenhouse',
    board: 'acmerobotics',
    evidence: 'the URL',
    search: { id: 'greenhouse-acmerobotics', source: 'greenhouse', boards: ['acmerobotics'], schedule: '0 8 * * *' },
  });
  const saved = await api.app.inject({
    method: 'PUT',
    url: '/config',
    headers: api.auth,
    payload: { config: { tracks: [], searches: [answer.body.search] } },
  });
  assert.equal(saved.statusCode, 200, saved.body);
});

test('a board the config already reads is named, and the offered search gets an id of its own', async () => {
  const again = await resolve({ url: 'https://boards.greenhouse.io/embed/job_board?for=acmerobotics' });
  assert.equal(again.body.existingSearchId, 'greenhouse-acmerobotics');
  assert.equal(again.body.search.id, 'greenhouse-acmerobotics-2');
});

test('a careers page is read (an allowed private host) and its embedded board found', async () => {
  const answer = await resolve({ url: `${siteUrl}/careers`, allowPrivateHosts: ['127.0.0.1'] });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(answer.body.status, 'recognized');
  assert.equal(answer.body.source, 'greenhouse');
  assert.equal(answer.body.board, 'orbitalfoods');
  assert.match(answer.body.evidence, /embedded/);
});

test('a page that redirects to a board is answered by the board URL', async () => {
  const answer = await resolve({ url: `${siteUrl}/to-board`, allowPrivateHosts: ['127.0.0.1'] });
  assert.deepEqual([answer.body.status, answer.body.source, answer.body.board], ['recognized', 'lever', 'northwind']);
});

test('a page with no source, or one that cannot be read, is "not recognized" with the reason', async () => {
  const plain = await resolve({ url: `${siteUrl}/about`, allowPrivateHosts: ['127.0.0.1'] });
  assert.equal(plain.status, 200);
  assert.equal(plain.body.status, 'not-recognized');
  assert.match(plain.body.reason, /no job source found.*JSON-LD/);
  const missing = await resolve({ url: `${siteUrl}/gone`, allowPrivateHosts: ['127.0.0.1'] });
  assert.deepEqual(missing.body, { status: 'not-recognized', reason: 'the page answered HTTP 404' });
});

test('loopback, link-local and private hosts are refused unless allowed, in any spelling and through redirects', async () => {
  for (const url of [
    `${siteUrl}/careers`,
    'http://169.254.169.254/latest/meta-data/',
    'http://2130706433/careers',
    'http://[::ffff:10.0.0.1]/',
    'http://localhost:8080/',
  ]) {
    const answer = await resolve({ url });
    assert.equal(answer.status, 400, url);
    assert.equal(answer.body.error, 'unsafe_url', url);
    assert.match(answer.body.message, /refusing to read .*(loopback|linkLocal|private).*allowPrivateHosts/, url);
  }
  const redirected = await resolve({ url: `${siteUrl}/to-metadata`, allowPrivateHosts: ['127.0.0.1'] });
  assert.equal(redirected.status, 400);
  assert.match(
    redirected.body.message,
    /redirect to http:\/\/169\.254\.169\.254\/latest\/meta-data\/ points at '169\.254\.169\.254', a linkLocal address/,
  );
});

test('bad input is a 400 that says what is wrong', async () => {
  const cases: [unknown, RegExp][] = [
    [{}, /must have required property 'url'/],
    [{ url: '' }, /url: must NOT have fewer than 1 characters/],
    [{ url: 42 }, /'42' is not an absolute URL/],
    [{ url: 'careers page of acme' }, /'careers page of acme' is not an absolute URL/],
    [{ url: 'ftp://files.example/jobs' }, /uses 'ftp'; only http and https URLs are allowed/],
    [{ url: 'javascript:alert(1)' }, /uses 'javascript'/],
    [{ url: 'https://jobs.lever.co/a', extra: true }, /must NOT have additional properties/],
  ];
  for (const [body, message] of cases) {
    const answer = await resolve(body);
    assert.equal(answer.status, 400, JSON.stringify(body));
    assert.match(answer.body.message, message, JSON.stringify(body));
  }
});

test('an ATS jobpipe does not read yet is "unsupported" with a clear message; one it reads is offered', async () => {
  const boardUrls: Record<(typeof DISCOVERABLE_ATS)[number], string> = {
    greenhouse: 'https://boards.greenhouse.io/acme',
    lever: 'https://jobs.lever.co/acme',
    workday: 'https://acme.wd5.myworkdayjobs.com/Careers',
    smartrecruiters: 'https://jobs.smartrecruiters.com/Acme',
    ashby: 'https://jobs.ashbyhq.com/acme',
    recruitee: 'https://acme.recruitee.com/',
    workable: 'https://apply.workable.com/acme/',
    personio: 'https://acme.jobs.personio.de/',
  };
  for (const ats of DISCOVERABLE_ATS) {
    const answer = await resolve({ url: boardUrls[ats] });
    assert.equal(answer.body.source, ats);
    if (isScrapeSource(ats)) {
      assert.equal(answer.body.status, 'recognized', ats);
      assert.equal(answer.body.search.source, ats);
    } else {
      assert.equal(answer.body.status, 'unsupported', ats);
      assert.match(answer.body.reason, /^recognized \w+ board '\w+', but jobpipe does not read \w+ yet$/);
      assert.equal(answer.body.search, undefined);
    }
  }
});

test("a search's allowHosts obey the config's URL rules: no private host unless the search allows it", async () => {
  const search = { id: 'jsonld-intranet', source: 'jsonld', urls: ['https://careers.example.com/'], schedule: '0 8 * * *' };
  const put = (allowHosts: string[], allowPrivateHosts?: string[]) =>
    api.app.inject({
      method: 'PUT',
      url: '/config',
      headers: api.auth,
      payload: { config: { tracks: [], searches: [{ ...search, allowHosts, ...(allowPrivateHosts ? { allowPrivateHosts } : {}) }] } },
    });
  const metadata = await put(['169.254.169.254']);
  assert.equal(metadata.statusCode, 400);
  assert.match(metadata.json().message, /\/searches\/0\/allowHosts\/0: points at '169\.254\.169\.254', a linkLocal address/);
  assert.equal((await put(['*.localhost'])).statusCode, 400);
  assert.equal((await put(['10.0.0.5:8080'], ['10.0.0.5'])).statusCode, 200);
  assert.equal((await put(['careers.example.com', '*.example.org'])).statusCode, 200);
});
