import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startChromium } from '@jobpipe/shared/browser';
import Database from 'better-sqlite3';
import { By, type WebDriver } from 'selenium-webdriver';
import { buildAnalyticsSnapshot } from '../analytics-fixture.js';
import { deliverAnalyticsSnapshot, feedScored, scoredData, startTestApi, type TestApi } from '../helpers.js';
import { closeCockpit, pageHolds, screenshot, seriousAccessibilityViolations, shown, shownText } from './cockpit-browser.js';

/**
 * The fixture snapshot plus three paid Python jobs: python then has 6 jobs (5 with a salary: the view counts
 * every job that names the skill), and every other skill fewer than 5.
 */
function snapshotWithPythonSalaries(path: string): Buffer {
  buildAnalyticsSnapshot(path);
  const db = new Database(path);
  db.exec(`
    INSERT INTO fact_jobs (job_id, title, company, source, salary_annual_usd_min, salary_annual_usd_max) VALUES
      ('mcf:11', 'Python Engineer', 'Hooli', 'mcf', 100000, 120000),
      ('mcf:12', 'Python Engineer', 'Umbrella', 'mcf', 80000, 100000),
      ('mcf:13', 'Python Engineer', 'Vandelay', 'mcf', 90000, 110000);
    INSERT INTO bridge_job_skills VALUES ('mcf:11', 'python'), ('mcf:12', 'python'), ('mcf:13', 'python');
  `);
  db.close();
  return readFileSync(path);
}

let api: TestApi;
let driver: WebDriver;
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
  await deliverAnalyticsSnapshot(api, 'd1', snapshotWithPythonSalaries(join(api.dataDir, 'fixture.sqlite')));
  address = await api.app.listen({ port: 0, host: '127.0.0.1' });
  driver = await startChromium({ windowSize: { width: 1400, height: 2100 } });
});
after(() => closeCockpit(driver, api));

const texts = (css: string) =>
  driver.executeScript(`return [...document.querySelectorAll(${JSON.stringify(css)})].map((element) => element.textContent)`) as Promise<
    string[]
  >;
const tableRows = (id: string) =>
  driver.executeScript(
    `return [...document.querySelectorAll('#${id} tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))`,
  ) as Promise<string[][]>;

test('the dashboard draws its charts, the funnel as conversions, lifecycle panels and the top open jobs, escaping posting text', async () => {
  await driver.get(`${address}/dashboard#key=${api.key}`);
  await pageHolds(driver, 'document.body.dataset.ready', 'the dashboard finishes loading');
  assert.equal(
    await driver.executeScript('return document.body.dataset.ready'),
    'true',
    await driver.findElement(By.id('status')).getText(),
  );
  assert.ok(!(await driver.getCurrentUrl()).includes(api.key), 'the key is taken out of the address bar');

  const canvases = (await driver.executeScript(`return [...document.querySelectorAll('canvas')].map((canvas) => {
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
    return { id: canvas.id, width: canvas.width, painted };
  })`)) as { id: string; width: number; painted: number }[];
  assert.deepEqual(
    canvases.map((canvas) => canvas.id),
    ['chart-skills', 'chart-salary-by-skill', 'chart-tracks', 'chart-sources', 'chart-applications', 'chart-time-to-close'],
  );
  for (const canvas of canvases)
    assert.ok(canvas.width > 0 && canvas.painted > 500, `${canvas.id} has a drawn chart (${canvas.painted} painted pixels)`);
  assert.deepEqual(((await driver.executeScript("return Chart.getChart('chart-skills').data.labels")) as string[]).slice(0, 2), [
    'python',
    'sql',
  ]);

  // The funnel: each stage's jobs and how many went further, not one tall bar of 'new'.
  assert.deepEqual(await texts('#funnel li'), [
    'new40 jobs→ 3 went further (7.5 %)',
    'screened3 jobs→ 2 went further (66.7 %)',
    'shortlisted2 jobs→ 1 went further (50.0 %)',
    'applied1 job→ 0 went further (0.0 %)',
  ]);

  // Lifecycle: shares with their counts, time to close per source (n shown) and company, flags per criterion.
  assert.deepEqual(await texts('#lifecycle-figures strong'), ['10.0 %', '40.0 %', '15.0 %', '4']);
  assert.match((await texts('#lifecycle-figures span'))[0]!, /3 of 30 jobs seen 7\+ days ago/);
  assert.deepEqual(await driver.executeScript("return Chart.getChart('chart-time-to-close').data.labels"), [
    'mcf (n=30)',
    'greenhouse (n=12)',
    'lever (n=2)',
  ]);
  assert.deepEqual(await driver.executeScript("return Chart.getChart('chart-time-to-close').data.datasets.map((set) => set.data)"), [
    [14, 9.5, 3],
    [45.25, 31, 4],
  ]);
  assert.deepEqual(await tableRows('time-to-close-by-company'), [
    ['Acme', '6', '7.0', '20.0'],
    ['Globex', '1', '2.0', '2.0'],
  ]);
  assert.deepEqual(await tableRows('ghost-flags'), [
    ['open-past-usual-close', '5', '12.5 %'],
    ['evergreen-no-salary', '2', '5.0 %'],
  ]);
  // Open jobs come from the analytics (duplicates counted once), not from the 25 rows of the table below.
  assert.equal((await texts('#figures strong'))[3], '40');

  const rows = await tableRows('top-jobs');
  assert.equal(rows.length, 2, 'closed jobs are not listed');
  assert.equal(rows[0]![1], '<img src=x onerror="window.__xss=1">Staff Data Engineer');
  assert.equal(rows[0]![2], 'Acme <script>window.__xss=2</script>');
  assert.equal(await driver.executeScript('return window.__xss'), null, 'no posting text ran as code');
  assert.equal(((await driver.findElements(By.css('#top-jobs img, #top-jobs script'))) as unknown[]).length, 0);

  assert.deepEqual(await seriousAccessibilityViolations(driver), []);
  const logs = await driver.manage().logs().get('browser');
  assert.deepEqual(
    logs.filter((entry) => entry.level.name === 'SEVERE').map((entry) => entry.message),
    [],
  );
  await screenshot(driver, 'dashboard');
});

test('salary by skill shows only skills with 5 or more jobs, with their n', async () => {
  await driver.get(`${address}/dashboard`);
  await pageHolds(driver, "document.body.dataset.ready === 'true'", 'the dashboard loads with the stored key');
  // sql (2 jobs), spark (1) and go (1) have salaries too, from too few jobs to show.
  assert.deepEqual(await driver.executeScript("return Chart.getChart('chart-salary-by-skill').data.labels"), ['python (n=6)']);
  assert.equal(await driver.executeScript("return document.getElementById('salary-by-skill-note').hidden"), true);
});

test('without a key the dashboard asks for one; a wrong key shows the API message', async () => {
  await driver.get(`${address}/dashboard`);
  await driver.executeScript('sessionStorage.clear()');
  await driver.navigate().refresh();
  await shownText(driver, '#status', /Paste an API key/);
  await (await shown(driver, '#api-key')).sendKeys('jp_AAAAAAAAAAAA_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  await (await shown(driver, 'button[type=submit]')).click();
  await pageHolds(driver, "document.body.dataset.ready === 'error'", 'the wrong key is answered');
  await shownText(driver, '#status', /not valid/);
});

test('a snapshot published before the lifecycle views: the rest of the dashboard loads and the lifecycle panel says to run an ETL', async () => {
  const path = join(api.dataDir, 'older.sqlite');
  buildAnalyticsSnapshot(path);
  const db = new Database(path);
  for (const view of [
    'report_lifecycle_overall',
    'report_time_to_close_by_source',
    'report_time_to_close_by_company',
    'report_ghost_flags',
  ]) {
    db.exec(`DROP VIEW ${view}`);
  }
  db.close();
  await deliverAnalyticsSnapshot(api, 'older', readFileSync(path));
  // From another page: a jump within the same page (only the #key fragment changes) would not load it again.
  await driver.get('about:blank');
  await driver.get(`${address}/dashboard#key=${api.key}`);
  await pageHolds(driver, 'document.body.dataset.ready', 'the dashboard loads without the lifecycle reports');
  assert.equal(
    await driver.executeScript('return document.body.dataset.ready'),
    'true',
    await driver.findElement(By.id('status')).getText(),
  );
  await shownText(driver, '#lifecycle-note', /appear after the next ETL/);
  assert.equal((await texts('#figures strong'))[3], '–', 'no open-jobs count without the lifecycle report');
});
