import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { scraperHarness } from '../support/harness.js';

const POSTING_PAGE = `<!DOCTYPE html><html lang="en"><head><title>Pastry Chef</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting","title":"Pastry Chef","hiringOrganization":"Maison Lune"}</script>
</head><body><h1>Pastry Chef</h1></body></html>`;

test('a jsonld search reads a page from the hosts it allows itself, and only that search does', async () => {
  const site = createServer((request, response) =>
    request.url === '/moved'
      ? response.writeHead(301, { location: '/offres/patissier' }).end()
      : response.writeHead(200, { 'content-type': 'text/html' }).end(POSTING_PAGE),
  );
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(site.address() as AddressInfo).port}`;
  // The scraper's own jsonld allowlist is empty: only a search's allowHosts lets it read the page.
  const h = await scraperHarness({ postings: 0 });
  try {
    const search = { source: 'jsonld' as const, requestedBy: 'schedule' as const, urls: [`http://${host}/moved`] };
    const refused = await h.run({ ...search, searchId: 'not-allowed', runId: 'r-1' });
    assert.equal(refused.kind, 'ack');
    assert.equal(h.scraped().length, 0, 'a search that does not allow the host reads nothing');

    const allowed = await h.run({ ...search, searchId: 'allowed', runId: 'r-2', allowHosts: [host] });
    assert.equal(allowed.kind, 'ack');
    const [event] = h.scraped();
    assert.ok(event, 'the page was read, its redirect within the allowed host followed');
    assert.match((await h.ports.blobs.get(event.blobKey))!.toString(), /Pastry Chef/);

    const afterwards = await h.run({ ...search, searchId: 'not-allowed', runId: 'r-3' });
    assert.equal(afterwards.kind, 'ack');
    assert.equal(h.scraped().length, 1, "one search's allowed hosts do not widen the others'");
  } finally {
    await h.close();
    site.close();
  }
});

test("a useBrowser search's browser may load the hosts the search allows itself", async () => {
  const opened: (readonly string[])[] = [];
  const h = await scraperHarness(
    { postings: 0 },
    {
      options: {
        // The browser port, recording which hosts each browser was allowed to load.
        openBrowser: async (allowHosts) => {
          opened.push(allowHosts);
          return { render: async (url) => ({ url, html: POSTING_PAGE }), close: async () => {} };
        },
      },
    },
  );
  try {
    const url = 'https://careers.maison-lune.example/offres/patissier';
    const outcome = await h.run({
      source: 'jsonld',
      requestedBy: 'user',
      searchId: 'rendered',
      runId: 'r-1',
      urls: [url],
      useBrowser: true,
      allowHosts: ['careers.maison-lune.example'],
    });
    assert.equal(outcome.kind, 'ack');
    assert.equal(opened.length, 1);
    assert.ok(opened[0]!.includes('careers.maison-lune.example'), `the browser was allowed ${opened[0]!.join(', ') || 'no extra host'}`);
    assert.equal(h.scraped()[0]?.url, url);
  } finally {
    await h.close();
  }
});
