import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { WebDriver } from 'selenium-webdriver';
import { startTestApi, type TestApi } from '../helpers.js';
import { closeCockpit, openCockpit, pageHolds, screenshot, seriousAccessibilityViolations, shown } from './cockpit-browser.js';

let api: TestApi;
let driver: WebDriver;
let address: string;

const PASSWORD = 'correct horse battery staple';
const TOTP = 'JBSWY3DPEHPK3PXP JBSWY3DPEHPK3PXP';

before(async () => {
  api = await startTestApi();
  const config = {
    tracks: [
      {
        name: 'data engineering',
        titleKeywords: [{ term: 'data engineer', weight: 30 }],
        bodyKeywords: [{ term: 'airflow', weight: 8 }],
      },
    ],
    searches: [{ id: 'lever-boards', source: 'lever', boards: ['northwind'], schedule: '0 8 * * 1-5' }],
    sites: { jobboard: { baseUrl: 'http://127.0.0.1:4020', login: { url: '/login' } } },
  };
  const saved = await api.app.inject({ method: 'PUT', url: '/config', headers: api.auth, payload: { config } });
  if (saved.statusCode !== 200) throw new Error(saved.body);
  await api.ports.tables.put('sessions', {
    site: 'jobboard',
    status: 'blocked',
    expiresAt: null,
    failures: 1,
    lastError: 'the password was refused',
    reason: 'wrong-credentials',
    nextAttemptAt: null,
    screenshotBlobKey: null,
    updatedAt: '2026-03-01T11:00:00.000Z',
  });
  ({ driver, address } = await openCockpit(api, '#api-key'));
});
after(() => closeCockpit(driver, api));

test('adding a site with a TOTP secret stores it in the secret store and never shows it back', async () => {
  await driver.get(`${address}/app#/settings`);
  await (await shown(driver, 'input[name=site]')).sendKeys('jobboard');
  await (await shown(driver, 'input[name=username]')).sendKeys('ada');
  await (await shown(driver, 'input[name=password]')).sendKeys(PASSWORD);
  await (await shown(driver, 'input[name=totpSecret]')).sendKeys(TOTP);
  await screenshot(driver, 'cockpit-settings-site-form');
  assert.deepEqual(await seriousAccessibilityViolations(driver), []);
  await (await shown(driver, '.stacked button[type=submit]')).click();

  await pageHolds(
    driver,
    "document.querySelector('.site-status li')?.textContent.startsWith('jobboard (http://127.0.0.1:4020): username, password, TOTP secret stored; blocked (wrong-credentials): the password was refused')",
    'the site shows what is stored and why it is blocked',
  );
  const secrets = api.ports.secrets();
  assert.equal(await secrets.get('site/jobboard/password'), PASSWORD);
  assert.equal(await secrets.get('site/jobboard/totp'), 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
  assert.equal(await (await shown(driver, 'input[name=password]')).getAttribute('value'), '', 'the password field is emptied');
  assert.equal(await (await shown(driver, 'input[name=totpSecret]')).getAttribute('value'), '', 'the TOTP field is emptied');
  const page = await driver.getPageSource();
  assert.ok(!page.includes(PASSWORD) && !page.includes('JBSWY3DP'), 'nothing secret stays in the page');
});

test('a secret the API refuses is explained beside the form', async () => {
  await driver.get(`${address}/app#/settings`);
  await (await shown(driver, 'input[name=site]')).sendKeys('otherboard');
  await (await shown(driver, 'input[name=username]')).sendKeys('ada');
  await (await shown(driver, 'input[name=password]')).sendKeys(PASSWORD);
  await (await shown(driver, 'input[name=totpSecret]')).sendKeys('not base32 at all!');
  await (await shown(driver, '.stacked button[type=submit]')).click();
  await pageHolds(driver, "document.querySelector('.stacked .error')?.textContent.includes('base32')", 'the refusal is shown');
  assert.equal(await api.ports.secrets().get('site/otherboard/password'), undefined, 'nothing is stored');
});

test('a blocked site is logged in to again from its row (POST /sites/{site}/unblock)', async () => {
  await driver.get(`${address}/app#/settings`);
  await (await shown(driver, '.site-status button')).click();
  await pageHolds(driver, "document.querySelector('.announcer').textContent.includes('Asked to log in to jobboard again')", 'announced');
  assert.deepEqual(
    api.published('session.refresh-requested').map((data) => [data.site, data.reason]),
    [['jobboard', 'unblocked']],
  );
});

test('searches show their schedule in words; a new one is validated by the API, then added', async () => {
  await driver.get(`${address}/app#/settings`);
  const row = await shown(driver, '.schedule');
  assert.match(await row.getText(), /^At 08:00, Monday through Friday/);
  await (await shown(driver, 'input[name=searchId]')).sendKeys('ashby-boards');
  await (await shown(driver, 'select[name=searchSource]')).sendKeys('ashby');
  await (await shown(driver, 'input[name=boards]')).sendKeys('fernwood-robotics');
  const schedule = await shown(driver, 'input[name=schedule]');
  await schedule.clear();
  await schedule.sendKeys('30 6 * * 0');
  assert.match(await (await shown(driver, '#schedule-words')).getText(), /^At 06:30, only on Sunday/);
  await schedule.clear();
  await schedule.sendKeys('every morning');
  assert.match(await (await shown(driver, '#schedule-words')).getText(), /^not a schedule/);
  await (await shown(driver, 'form[aria-label="Add a search"] button[type=submit]')).click();
  await pageHolds(
    driver,
    "document.querySelector('[aria-labelledby=searches-title] .error')?.textContent.includes('schedule')",
    'the refusal names the schedule',
  );

  await schedule.clear();
  await schedule.sendKeys('30 6 * * 0');
  await (await shown(driver, 'form[aria-label="Add a search"] button[type=submit]')).click();
  await pageHolds(driver, "document.querySelectorAll('.schedule').length === 2", 'the search is added');
  const stored = await api.app.inject({ method: 'GET', url: '/config/searches', headers: api.auth });
  assert.deepEqual(stored.json().value.at(-1), {
    id: 'ashby-boards',
    source: 'ashby',
    boards: ['fernwood-robotics'],
    schedule: '30 6 * * 0',
  });
  await driver.navigate().refresh();
  await pageHolds(driver, "document.querySelectorAll('.schedule').length === 2", 'the page shows both searches');
  await screenshot(driver, 'cockpit-settings');
  assert.deepEqual(await seriousAccessibilityViolations(driver), []);
});

test('a keyword is added to a track and removed again', async () => {
  await driver.get(`${address}/app#/settings`);
  await (await shown(driver, 'select[name=place]')).sendKeys('body');
  await (await shown(driver, 'input[name=term]')).sendKeys('dbt');
  const weight = await shown(driver, 'input[name=weight]');
  await weight.clear();
  await weight.sendKeys('7');
  await (await shown(driver, 'form[aria-label="Add a keyword"] button[type=submit]')).click();
  await pageHolds(driver, "document.querySelector('.track').textContent.includes('dbt +7')", 'the keyword shows');
  const tracks = async () => (await api.app.inject({ method: 'GET', url: '/config/tracks', headers: api.auth })).json().value;
  assert.deepEqual((await tracks())[0].bodyKeywords, [
    { term: 'airflow', weight: 8 },
    { term: 'dbt', weight: 7 },
  ]);
  await (await shown(driver, 'button[aria-label="Remove airflow from the body keywords of data engineering"]')).click();
  await pageHolds(driver, "!document.querySelector('.track').textContent.includes('airflow')", 'the keyword is gone');
  assert.deepEqual((await tracks())[0].bodyKeywords, [{ term: 'dbt', weight: 7 }]);
});
