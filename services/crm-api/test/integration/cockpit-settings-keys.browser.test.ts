import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { WebDriver } from 'selenium-webdriver';
import { startTestApi, type TestApi } from '../helpers.js';
import { cockpitBrowser, pageHolds, screenshot, seriousAccessibilityViolations, shown, shownText } from './cockpit-browser.js';

let api: TestApi;
let driver: WebDriver;
let address: string;

before(async () => {
  api = await startTestApi();
  address = await api.app.listen({ port: 0, host: '127.0.0.1' });
  driver = await cockpitBrowser();
  await driver.get(`${address}/app#key=${api.key}`);
  await shown(driver, '#api-key');
});
after(async () => {
  await driver?.quit();
  await api?.close();
});

test('an API key is created from settings, shown once, works, and is revoked from its row', async () => {
  await driver.get(`${address}/app#/settings`);
  await shownText(driver, '.key-list tbody', /test .*this page/);
  await (await shown(driver, 'input[name=keyName]')).sendKeys('phone');
  await (await shown(driver, 'input[name=readOnly]')).click();
  await (await shown(driver, 'form[aria-label="Create an API key"] button[type=submit]')).click();
  const newKey = (await (await shown(driver, 'input[name=newKey]')).getAttribute('value')) ?? '';
  assert.match(newKey, /^jp_[A-Za-z0-9]{12}_/);
  const read = await api.app.inject({ method: 'GET', url: '/crm/stages', headers: { 'x-api-key': newKey } });
  assert.equal(read.statusCode, 200, 'the key shown works');
  await shownText(driver, '.key-list tbody', /phone \S+ read/);
  await screenshot(driver, 'cockpit-settings-api-keys');
  assert.deepEqual(await seriousAccessibilityViolations(driver), []);

  await (await shown(driver, 'button[aria-label="Revoke phone"]')).click();
  await pageHolds(driver, "document.querySelector('.announcer').textContent.includes('Revoked the key phone')", 'announced');
  await shownText(driver, '.key-list tbody', /phone \S+ read .*revoked/);
  const refused = await api.app.inject({ method: 'GET', url: '/crm/stages', headers: { 'x-api-key': newKey } });
  assert.equal(refused.statusCode, 403);

  await driver.navigate().refresh();
  await shownText(driver, '.key-list tbody', /phone/);
  assert.ok(!(await driver.getPageSource()).includes(newKey.slice(16)), 'the key is never shown again');
});
