import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { By, Key, type WebDriver } from 'selenium-webdriver';
import { feedScored, scoredData, startTestApi, type TestApi } from '../helpers.js';
import { closeCockpit, openCockpit, pageHolds, screenshot, seriousAccessibilityViolations, shown } from './cockpit-browser.js';

let api: TestApi;
let driver: WebDriver;
let address: string;

async function stageOf(jobId: string): Promise<string> {
  const answer = await api.app.inject({ method: 'GET', url: `/jobs/${encodeURIComponent(jobId)}`, headers: api.auth });
  return answer.json().crm.stage;
}

const cardsIn = (stage: string) =>
  driver.executeScript(
    `return [...document.querySelectorAll('.column[data-stage="${stage}"] a[data-job-id]')].map((link) => link.dataset.jobId)`,
  ) as Promise<string[]>;

const card = (jobId: string) => shown(driver, `a[data-job-id="${jobId}"]`);

before(async () => {
  api = await startTestApi();
  await feedScored(
    api,
    scoredData('greenhouse:1', { score: 90, job: { title: 'Data Engineer', company: 'Acme' } }),
    scoredData('greenhouse:2', { score: 80, job: { title: 'Analytics Engineer', company: 'Globex' } }),
    scoredData('lever:3', { score: 70, job: { title: 'Platform Engineer', company: 'Initech', source: 'lever' } }),
    scoredData('lever:4', { score: 60, job: { title: 'ML Engineer', company: 'Hooli', source: 'lever' } }),
    scoredData('lever:5', { score: 50, job: { title: 'SRE', company: 'Umbrella', source: 'lever' } }),
  );
  await api.app.inject({ method: 'POST', url: '/jobs/lever:5/stage', headers: api.auth, payload: { to: 'screened' } });
  ({ driver, address } = await openCockpit(api, '[role=listbox]'));
});
after(() => closeCockpit(driver, api));

test('the board shows a column per stage with its cards', async () => {
  await driver.get(`${address}/app#/board`);
  await card('greenhouse:1');
  assert.deepEqual(await cardsIn('new'), ['greenhouse:1', 'greenhouse:2', 'lever:3', 'lever:4']);
  assert.deepEqual(await cardsIn('screened'), ['lever:5']);
  const columns = (await driver.executeScript("return [...document.querySelectorAll('.column')].map((c) => c.dataset.stage)")) as string[];
  assert.deepEqual(columns, ['new', 'screened', 'shortlisted', 'applied', 'interviewing', 'offer', 'closed']);
});

test('dragging a card to the next stage moves it; a drop the stage machine refuses is explained and nothing moves', async () => {
  await driver.get(`${address}/app#/board`);
  const target = await shown(driver, '.column[data-stage="screened"]');
  await driver
    .actions({ async: true })
    .move({ origin: await card('greenhouse:1') })
    .press()
    .move({ origin: target })
    .release()
    .perform();
  await pageHolds(
    driver,
    `document.querySelector('.column[data-stage="screened"] a[data-job-id="greenhouse:1"]')`,
    'the card lands in screened',
  );
  assert.equal(await stageOf('greenhouse:1'), 'screened');

  const applied = await shown(driver, '.column[data-stage="applied"]');
  await driver
    .actions({ async: true })
    .move({ origin: await card('greenhouse:2') })
    .press()
    .move({ origin: applied })
    .release()
    .perform();
  const problem = await shown(driver, '.problem');
  assert.match(
    await problem.getText(),
    /Not moved: Analytics Engineer: a job in 'new' can only move to 'screened' or 'closed', not to 'applied'/,
  );
  assert.equal(await stageOf('greenhouse:2'), 'new');
  assert.ok((await cardsIn('new')).includes('greenhouse:2'));
});

test('keyboard: Shift+→ moves the focused card on, arrows move the focus', async () => {
  await driver.get(`${address}/app#/board`);
  const link = await card('lever:3');
  await link.sendKeys(Key.chord(Key.SHIFT, Key.ARROW_RIGHT));
  await pageHolds(
    driver,
    `document.querySelector('.column[data-stage="screened"] a[data-job-id="lever:3"]')`,
    'the card moved to screened',
  );
  assert.equal(await stageOf('lever:3'), 'screened');
  await pageHolds(driver, "document.activeElement?.dataset.jobId === 'lever:3'", 'the moved card keeps the focus');
  await driver.switchTo().activeElement().sendKeys(Key.chord(Key.SHIFT, Key.ARROW_LEFT));
  assert.match(
    await (await shown(driver, '.problem')).getText(),
    /a job in 'screened' can only move to 'shortlisted' or 'closed', not to 'new'/,
  );
  assert.equal(await stageOf('lever:3'), 'screened');
});

test('bulk: tick cards and close them together with a reason', async () => {
  await driver.get(`${address}/app#/board`);
  await card('lever:4');
  for (const jobId of ['greenhouse:2', 'lever:4']) {
    await driver.findElement(By.css(`.card:has(a[data-job-id="${jobId}"]) input[type=checkbox]`)).click();
  }
  await (await shown(driver, 'select[name=bulk-stage]')).sendKeys('closed');
  await (await shown(driver, 'select[name=closed-reason]')).sendKeys('not-interested');
  await driver.findElement(By.css('.bulk button[type=submit]')).click();
  await pageHolds(driver, `document.querySelectorAll('.column[data-stage="closed"] a[data-job-id]').length === 2`, 'both cards are closed');
  assert.equal(await stageOf('greenhouse:2'), 'closed');
  assert.equal(await stageOf('lever:4'), 'closed');
  assert.match(await (await shown(driver, '.announcer')).getText(), /Moved 2 of 2 to closed/);
});

test('a move made elsewhere shows on the open board', async () => {
  await driver.get(`${address}/app#/board`);
  await card('lever:5');
  await pageHolds(driver, "document.querySelector('.live').textContent === 'live'", 'the live stream connects');
  await api.app.inject({ method: 'POST', url: '/jobs/lever:5/stage', headers: api.auth, payload: { to: 'shortlisted' } });
  await pageHolds(
    driver,
    `document.querySelector('.column[data-stage="shortlisted"] a[data-job-id="lever:5"]')`,
    'the card follows the move',
  );
  await screenshot(driver, 'cockpit-board');
  assert.deepEqual(await seriousAccessibilityViolations(driver), []);
});
