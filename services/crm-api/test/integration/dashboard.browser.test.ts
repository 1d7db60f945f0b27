import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { standaloneHandlerContext } from '@jobpipe/shared';
import { busEvent } from '@jobpipe/test-kit';
import { type Browser, chromium } from 'playwright-core';
import { buildAnalyticsSnapshot } from '../analytics-fixture.js';
import { feedScored, scoredData, startTestApi, type TestApi } from '../helpers.js';

const artifacts = join(import.meta.dirname, '..', '..', 'test-artifacts');
let api: TestApi;
let browser: Browser;
let address: string;

before(async () => {
  api = await startTestApi();
  await feedScored(
    api,
    scoredData('greenhouse:1', {
      score: 92,
      job: { title: '<img src=x onerror="window.__xss=1">Staff Data Engineer', company: 'Acme <script>window.__xss=2</script>' },
    }),
    scoredData('lever:2', {
      score: 81,
      job: { title: 'Backend Engineer', company: 'Globex', source: 'lever', canonicalUrl: 'https://jobs.example.com/2' },
    }),
    scoredData('mcf:3', { score: 55, job: { title: 'Closed One', company: 'Initech', source: 'mcf' } }),
  );
  await api.app.inject({ method: 'POST', url: '/jobs/mcf:3/stage', headers: api.auth, payload: { to: 'closed', closedReason: 'expired' } });
  await api.ports.blobs.put('analytics/snapshots/d1.sqlite', buildAnalyticsSnapshot(join(api.dataDir, 'fixture.sqlite')));
  await api.handlers['etl.completed@1'](
    busEvent(
      'etl.completed',
      {
        requestId: 'd1',
        snapshotBlobKey: 'analytics/snapshots/d1.sqlite',
        completedAt: '2026-03-01T12:00:00.000Z',
        durationMs: 5,
        rows: { jobs: 4, stageChanges: 0, applications: 3, skills: 7 },
      },
      'etl',
    ),
    standaloneHandlerContext((events) => api.ports.publisher.publish(events)),
  );
  address = await api.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});
after(async () => {
  await browser?.close();
  await api.close();
});

test('the dashboard draws every chart with data and the top open jobs, escaping posting text, without console errors', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1600 } });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(`${address}/dashboard#key=${api.key}`);
  await page.waitForSelector('body[data-ready]');
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true', (await page.textContent('#status')) ?? undefined);
  assert.ok(!page.url().includes(api.key), 'the key is taken out of the address bar');

  // Browser-side code as text: this package type-checks without the DOM library.
  const canvases = (await page.evaluate(`[...document.querySelectorAll('canvas')].map((canvas) => {
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
    return { id: canvas.id, width: canvas.width, painted };
  })`)) as { id: string; width: number; painted: number }[];
  assert.equal(canvases.length, 6);
  for (const canvas of canvases)
    assert.ok(canvas.width > 0 && canvas.painted > 500, `${canvas.id} has a drawn chart (${canvas.painted} painted pixels)`);
  const skillLabels = (await page.evaluate("Chart.getChart('chart-skills').data.labels")) as string[];
  assert.deepEqual(skillLabels.slice(0, 2), ['python', 'sql']);

  const rows = (await page.evaluate(
    "[...document.querySelectorAll('#top-jobs tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))",
  )) as string[][];
  assert.equal(rows.length, 2, 'closed jobs are not listed');
  assert.equal(rows[0]![1], '<img src=x onerror="window.__xss=1">Staff Data Engineer');
  assert.equal(rows[0]![2], 'Acme <script>window.__xss=2</script>');
  assert.equal(await page.evaluate('window.__xss'), undefined, 'no posting text ran as code');
  assert.equal(await page.$$eval('#top-jobs img, #top-jobs script', (found) => found.length), 0);

  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'dashboard.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

test('without a key the dashboard asks for one; a wrong key shows the API message', async () => {
  const page = await browser.newPage();
  await page.goto(`${address}/dashboard`);
  assert.match((await page.textContent('#status')) ?? '', /Paste an API key/);
  await page.fill('#api-key', 'jp_AAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  await page.click('button[type=submit]');
  await page.waitForSelector('body[data-ready="error"]');
  assert.match((await page.textContent('#status')) ?? '', /not valid/);
});
