import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { SYSTEM_CHROMIUM } from '@jobpipe/shared/browser';
import { scraperHarness } from '../support/harness.js';

// The posting's JSON-LD only exists once the page's script has run, as on pages that need a browser.
const SCRIPTED_PAGE = `<!DOCTYPE html><html><head><title>Careers</title></head><body><h1 id="title">loading…</h1>
<script>
  setTimeout(() => {
    const data = { '@context': 'https://schema.org', '@type': 'JobPosting', title: 'Rendered Engineer', hiringOrganization: 'Scripted Co' };
    const tag = document.createElement('script');
    tag.type = 'application/ld+json';
    tag.textContent = JSON.stringify(data);
    document.head.appendChild(tag);
    document.getElementById('title').textContent = data.title;
  }, 50);
</script></body></html>`;

test('useBrowser renders the page in headless Chromium and stores the rendered HTML', async (t) => {
  if (!existsSync(SYSTEM_CHROMIUM.browser) || !existsSync(SYSTEM_CHROMIUM.driver)) {
    t.skip('no chromium: browser fallback not tested (apt-get install chromium chromium-driver)');
    return;
  }
  const site = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(SCRIPTED_PAGE));
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(site.address() as AddressInfo).port}`;
  const h = await scraperHarness({ postings: 0 }, { env: { JOBPIPE_SCRAPER_JSONLD_ALLOWED_HOSTS: host } });
  try {
    const url = `http://${host}/careers/rendered-engineer`;
    const outcome = await h.run({
      searchId: 'browser',
      source: 'jsonld',
      runId: 'b-1',
      requestedBy: 'user',
      urls: [url],
      useBrowser: true,
    });
    assert.equal(outcome.kind, 'ack');
    const [event] = h.scraped();
    assert.ok(event);
    assert.equal(event.url, url);
    const html = (await h.ports.blobs.get(event.blobKey))!.toString();
    assert.match(html, /application\/ld\+json/);
    assert.match(html, /Rendered Engineer/);
  } finally {
    await h.close();
    site.close();
  }
});
