import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { EventDataMap } from '@jobpipe/contracts';
import { standaloneHandlerContext } from '@jobpipe/shared';
import { busEvent } from '@jobpipe/test-kit';
import type { WebDriver } from 'selenium-webdriver';
import { feedScored, scoredData, startTestApi, type TestApi } from '../helpers.js';
import { closeCockpit, openCockpit, pageHolds, screenshot, seriousAccessibilityViolations, shown } from './cockpit-browser.js';

let api: TestApi;
let driver: WebDriver;
let address: string;

const rowTitles = (page: WebDriver) =>
  page.executeScript(
    "return [...document.querySelectorAll('[role=option] .row-title strong')].map((strong) => strong.textContent)",
  ) as Promise<string[]>;

async function stageOf(jobId: string): Promise<string> {
  const answer = await api.app.inject({ method: 'GET', url: `/jobs/${encodeURIComponent(jobId)}`, headers: api.auth });
  return answer.json().crm.stage;
}

before(async () => {
  api = await startTestApi();
  await feedScored(
    api,
    scoredData('greenhouse:1', {
      score: 92,
      job: { title: '<img src=x onerror="window.__xss=1">Staff Data Engineer', company: 'Acme' },
      reasons: [
        { kind: 'title', text: "title mentions 'data engineer'", points: 30 },
        { kind: 'body', text: "body mentions 'airflow'", points: 8 },
      ],
    }),
    scoredData('lever:2', { score: 81, job: { title: 'Backend Engineer', company: 'Globex', source: 'lever', remote: true } }),
    // The same job on another board: one row, "also on ashby".
    scoredData('ashby:2', {
      score: 77,
      job: { title: 'Backend Engineer', company: 'Globex', source: 'ashby', remote: true, canonicalJobId: 'lever:2' },
    }),
    scoredData('greenhouse:3', { score: 64, job: { title: 'Analytics Engineer', company: 'Initech' } }),
    scoredData('lever:4', { score: 40, job: { title: 'Platform Engineer', company: 'Hooli', source: 'lever', annualSalaryMax: 60000 } }),
  );
  ({ driver, address } = await openCockpit(api));
});
after(() => closeCockpit(driver, api));

test('the key from the link shows in the key box and leaves the address bar; the inbox lists new jobs best first with reasons', async () => {
  await driver.get(`${address}/app#key=${api.key}`);
  await shown(driver, '[role=option]');
  assert.equal(await (await shown(driver, '#api-key')).getAttribute('value'), api.key);
  assert.ok(!(await driver.getCurrentUrl()).includes(api.key), 'the key is taken out of the address bar');
  assert.deepEqual(await rowTitles(driver), [
    '<img src=x onerror="window.__xss=1">Staff Data Engineer',
    'Backend Engineer',
    'Analytics Engineer',
    'Platform Engineer',
  ]);
  assert.equal(await driver.executeScript('return window.__xss'), null, 'posting text never runs as code');
  const firstRow = await (await shown(driver, '#row-0')).getText();
  assert.match(firstRow, /92/);
  assert.match(firstRow, /title mentions 'data engineer' · body mentions 'airflow'/);
  assert.match(firstRow, /greenhouse · .* ago · up to SGD 120k a year/);
  assert.match(await (await shown(driver, '#row-1')).getText(), /also on ashby/, 'a job posted on two boards is one row');
});

test('filters are applied by the server: source and salary', async () => {
  await driver.get(`${address}/app#/inbox`);
  await shown(driver, '[role=option]');
  await (await shown(driver, 'select[name=source]')).sendKeys('lever');
  await pageHolds(driver, "document.querySelectorAll('[role=option]').length === 2", 'only the lever jobs stay');
  const salary = await shown(driver, 'input[name=salaryMin]');
  await salary.sendKeys('100000\n');
  await salary.sendKeys('\t');
  await pageHolds(driver, "document.querySelectorAll('[role=option]').length === 1", 'only the lever job paying 100k or more stays');
  assert.deepEqual(await rowTitles(driver), ['Backend Engineer']);
});

test('keyboard triage: move with j, shortlist with s, hide with h, open with Enter', async () => {
  await driver.get(`${address}/app#/inbox`);
  await driver.navigate().refresh();
  const list = await shown(driver, '[role=listbox]');
  await shown(driver, '#row-3');
  await list.sendKeys('j');
  assert.equal(await list.getAttribute('aria-activedescendant'), 'row-1');
  await list.sendKeys('s');
  await pageHolds(driver, "document.querySelectorAll('[role=option]').length === 3", 'the shortlisted job leaves the new-jobs inbox');
  assert.equal(await stageOf('lever:2'), 'shortlisted');
  assert.match(await (await shown(driver, '.announcer')).getText(), /Shortlisted Backend Engineer at Globex/);

  // The next job is now the active one: hide it.
  assert.deepEqual((await rowTitles(driver))[1], 'Analytics Engineer');
  await list.sendKeys('h');
  await pageHolds(driver, "document.querySelectorAll('[role=option]').length === 2", 'the hidden job leaves the inbox');
  assert.equal(await stageOf('greenhouse:3'), 'closed');

  await list.sendKeys('k');
  await screenshot(driver, 'cockpit-inbox');
  assert.deepEqual(await seriousAccessibilityViolations(driver), []);
  await list.sendKeys('\uE007'); // Enter
  await shown(driver, '#job-title');
  assert.match(await driver.getCurrentUrl(), /#\/jobs\/greenhouse%3A1$/);
  assert.match(await (await shown(driver, '#job-title')).getText(), /Staff Data Engineer/);
  await screenshot(driver, 'cockpit-job-from-inbox');
  assert.deepEqual(await seriousAccessibilityViolations(driver), []);
});

test('a job scored while the inbox is open arrives in its place, marked new', async () => {
  await driver.get(`${address}/app#/inbox`);
  await shown(driver, '[role=option]');
  await pageHolds(driver, "document.querySelector('.live').textContent === 'live'", 'the live stream connects');
  await feedScored(api, scoredData('greenhouse:9', { score: 97, job: { title: 'Principal Data Engineer', company: 'Umbrella' } }));
  await pageHolds(
    driver,
    "document.querySelector('#row-0 .row-title strong')?.textContent === 'Principal Data Engineer'",
    'the new job is first',
  );
  assert.match(await (await shown(driver, '#row-0')).getText(), /new/);
  assert.match(await (await shown(driver, '.announcer')).getText(), /New job: Principal Data Engineer at Umbrella, score 97/);
});

test('a posting that closes while the inbox is open leaves it, and the page says so', async () => {
  await driver.get(`${address}/app#/inbox`);
  await shown(driver, '[role=option]');
  await pageHolds(driver, "document.querySelector('.live').textContent === 'live'", 'the live stream connects');
  const closed: EventDataMap['job.closed'] = {
    jobId: 'greenhouse:9',
    closedAt: '2026-03-04T09:00:00.000Z',
    closeReason: 'source-says-closed',
    firstSeenAt: '2026-02-01T08:00:00.000Z',
    lastSeenAt: '2026-03-04T09:00:00.000Z',
  };
  await api.handlers['job.closed@1'](
    busEvent('job.closed', closed, 'parser'),
    standaloneHandlerContext(async () => []),
  );
  await pageHolds(
    driver,
    "![...document.querySelectorAll('.row-title strong')].some((title) => title.textContent === 'Principal Data Engineer')",
    'the closed job leaves the inbox',
  );
  assert.match(await (await shown(driver, '.announcer')).getText(), /Posting closed: Principal Data Engineer at Umbrella/);
});
