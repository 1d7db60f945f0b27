import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { WebDriver } from 'selenium-webdriver';
import { startTestApi, type TestApi } from '../helpers.js';
import { cockpitBrowser, pageHolds, screenshot, seriousAccessibilityViolations, shown } from './cockpit-browser.js';

let api: TestApi;
let driver: WebDriver;
let address: string;

const PASSWORD = 'correct horse battery staple';
const TOTP = 'JBSWY3DPEHPK3PXP JBSWY3DPEHPK3PXP';

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

test('adding a site with a TOTP secret stores it in the secret store and never shows it back', async () => {
  await driver.get(`${address}/app#/settings`);
  await (await shown(driver, 'input[name=site]')).sendKeys('jobboard');
  await (await shown(driver, 'input[name=username]')).sendKeys('ada');
  await (await shown(driver, 'input[name=password]')).sendKeys(PASSWORD);
  await (await shown(driver, 'input[name=totpSecret]')).sendKeys(TOTP);
  await screenshot(driver, 'cockpit-settings');
  assert.deepEqual(await seriousAccessibilityViolations(driver), []);
  await (await shown(driver, '.stacked button[type=submit]')).click();

  const status = await shown(driver, '.site-status');
  assert.equal(await status.getText(), 'jobboard: username, password, TOTP secret stored');
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
