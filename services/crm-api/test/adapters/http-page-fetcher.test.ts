import assert from 'node:assert/strict';
import { type LookupAddress, lookup } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { DEFAULT_PAGE_FETCH_LIMITS, HttpPageFetcher } from '../../src/adapters/http-page-fetcher.js';
import { PageFetchRefused } from '../../src/ports/page-fetcher.js';

/** A resolver where `careers.public.example` (a public-looking name) points at 127.0.0.1, as a rebinding attack would. */
const rebinding = ((hostname: string, options: object, callback: (error: Error | null, addresses: LookupAddress[]) => void) => {
  if (hostname === 'careers.public.example') callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else lookup(hostname, { ...options, all: true }, callback);
}) as unknown as typeof lookup;

let site: Server;
let port: number;
before(async () => {
  site = createServer((request, response) => {
    if (request.url === '/big') response.writeHead(200, { 'content-type': 'text/html' }).end('x'.repeat(2048));
    else if (request.url === '/slow') setTimeout(() => response.writeHead(200).end('late'), 2000);
    else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<title>careers</title>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  port = (site.address() as AddressInfo).port;
});
after(() => site.close());

test('a public name that resolves to a loopback address is refused before connecting, unless the name is allowed', async () => {
  const fetcher = new HttpPageFetcher(DEFAULT_PAGE_FETCH_LIMITS, rebinding);
  const url = `http://careers.public.example:${port}/careers`;
  await assert.rejects(
    fetcher.fetchPage(url, { allowPrivateHosts: [] }),
    (error: Error) =>
      error instanceof PageFetchRefused && /'careers\.public\.example' resolves to 127\.0\.0\.1, a loopback address/.test(error.message),
  );
  const page = await fetcher.fetchPage(url, { allowPrivateHosts: ['careers.public.example'] });
  assert.deepEqual([page.status, page.contentType, page.body], [200, 'text/html', '<title>careers</title>']);
});

test('a page over the size cap, or slower than the time limit, is not read', async () => {
  const small = new HttpPageFetcher({ ...DEFAULT_PAGE_FETCH_LIMITS, maxBytes: 1024, timeoutMs: 300 });
  const options = { allowPrivateHosts: ['127.0.0.1'] };
  await assert.rejects(small.fetchPage(`http://127.0.0.1:${port}/big`, options), /larger than/);
  await assert.rejects(small.fetchPage(`http://127.0.0.1:${port}/slow`, options), /abort|timeout/i);
});
