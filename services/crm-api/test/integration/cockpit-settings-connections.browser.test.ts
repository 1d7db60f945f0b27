import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { standaloneHandlerContext } from '@jobpipe/shared';
import { busEvent, tempDir } from '@jobpipe/test-kit';
import type { WebDriver } from 'selenium-webdriver';
import { startTestApi, type TestApi } from '../helpers.js';
import { closeCockpit, openCockpit, pageHolds, screenshot, seriousAccessibilityViolations, shown, shownText } from './cockpit-browser.js';

let api: TestApi;
let driver: WebDriver;
let address: string;
const files = tempDir('cockpit-connections-');

/** Scrolls a settings panel to the top of the window and saves a screenshot of it. */
async function screenshotPanel(titleId: string, name: string): Promise<void> {
  await driver.executeScript(`document.getElementById('${titleId}').closest('section').scrollIntoView()`);
  await screenshot(driver, name);
}

before(async () => {
  api = await startTestApi();
  ({ driver, address } = await openCockpit(api, '#api-key'));
});
after(async () => {
  await closeCockpit(driver, api);
  files.remove();
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
  assert.deepEqual(await seriousAccessibilityViolations(driver), []);

  await (await shown(driver, 'button[aria-label="Revoke phone"]')).click();
  await pageHolds(driver, "document.querySelector('.announcer').textContent.includes('Revoked the key phone')", 'announced');
  await shownText(driver, '.key-list tbody', /phone \S+ read .*revoked/);
  const refused = await api.app.inject({ method: 'GET', url: '/crm/stages', headers: { 'x-api-key': newKey } });
  assert.equal(refused.statusCode, 403);

  await driver.navigate().refresh();
  await shownText(driver, '.key-list tbody', /phone/);
  assert.ok(!(await driver.getPageSource()).includes(newKey.slice(16)), 'the key is never shown again');
  await screenshotPanel('api-keys-title', 'cockpit-settings-api-keys');
});

test('a Google spreadsheet is connected with a service-account key file; a key without what the bridge needs is refused', async () => {
  const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const goodKey = join(files.path, 'service-account.json');
  writeFileSync(
    goodKey,
    JSON.stringify({ type: 'service_account', client_email: 'bridge@my-job-search.iam.gserviceaccount.com', private_key: privateKey }),
  );
  const userKey = join(files.path, 'user.json');
  writeFileSync(userKey, JSON.stringify({ type: 'authorized_user', client_id: 'x', client_secret: 'y', refresh_token: 'z' }));
  const spreadsheetId = '1SpReAdShEeTiD_0123456789abcdefghijklmn';

  await driver.get(`${address}/app#/settings`);
  await shownText(driver, '.sheets-status', /^Not connected: no service-account key is stored/);
  await (await shown(driver, 'input[name=spreadsheet]')).sendKeys(`https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`);
  await (await driver.findElement({ css: 'input[name=keyFile]' })).sendKeys(userKey);
  await (await shown(driver, 'form[aria-label="Connect a spreadsheet"] button[type=submit]')).click();
  await shownText(driver, '[aria-labelledby=sheets-title] .error', /credentials\.type must be "service_account"/);
  assert.equal(await api.ports.secrets().get('sheets-bridge/google-credentials'), undefined, 'nothing is stored');

  await (await driver.findElement({ css: 'input[name=keyFile]' })).sendKeys(goodKey);
  await (await shown(driver, 'form[aria-label="Connect a spreadsheet"] button[type=submit]')).click();
  await shownText(driver, '.sheets-status', new RegExp(`^Connected to spreadsheet ${spreadsheetId} as bridge@my-job-search`));
  assert.equal(await api.ports.secrets().get('sheets-bridge/spreadsheet-id'), spreadsheetId);
  assert.equal(JSON.parse((await api.ports.secrets().get('sheets-bridge/google-credentials'))!).private_key, privateKey);
  assert.ok(!(await driver.getPageSource()).includes(privateKey.split('\n')[1]!), 'the key is not in the page');
  await shownText(driver, '.sheets-last-sync', /^No sync yet/);
  assert.deepEqual(await seriousAccessibilityViolations(driver), []);
});

test("the bridge's last sync shows under the connection: a failure with its reason and the last success, then a success", async () => {
  const lastSync = {
    key: 'sync#last',
    spreadsheetId: '1SpReAdShEeTiD_0123456789abcdefghijklmn',
    syncedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    outcome: 'failed',
    rowsWritten: 0,
    editsRead: 0,
    error: 'the spreadsheet answered 403: the service account has no access to it',
    lastSucceededAt: null,
    failuresInRow: 3,
  } as const;
  await api.ports.tables.put('sheetsState', lastSync);
  await driver.get(`${address}/app#/settings`);
  await driver.navigate().refresh();
  await shownText(
    driver,
    '.sheets-last-sync',
    /^Last sync failed .+ \(3 in a row; no sync has succeeded yet\): the spreadsheet answered 403: the service account has no access to it$/,
  );

  await api.ports.tables.put('sheetsState', { ...lastSync, outcome: 'ok', rowsWritten: 42, editsRead: 2, error: null, failuresInRow: 0 });
  await driver.navigate().refresh();
  await shownText(driver, '.sheets-last-sync', /^Last sync .+: 42 rows written, 2 edits read from the sheet\.$/);
});

test("sources show each search's last run coverage, and a search is added from a URL through resolve", async () => {
  const config = {
    tracks: [{ name: 'data', titleKeywords: [{ term: 'data engineer', weight: 30 }], bodyKeywords: [] }],
    searches: [
      { id: 'lever-northwind', source: 'lever', boards: ['northwind'], schedule: '0 8 * * *' },
      { id: 'sg-data', source: 'mcf', keywords: 'data engineer', schedule: '0 7 * * *' },
    ],
  };
  assert.equal((await api.app.inject({ method: 'PUT', url: '/config', headers: api.auth, payload: { config } })).statusCode, 200);
  const coverage = {
    listed: 40,
    fetched: 38,
    published: 5,
    unchanged: 33,
    notModified: 0,
    postingsFailed: 2,
    pagesFailed: 0,
    capped: false,
    truncated: false,
  };
  for (const [runId, status, finishedAt] of [
    ['run-1', 'complete', '2026-03-01T08:01:00.000Z'],
    ['run-2', 'partial', '2026-03-02T08:01:00.000Z'],
  ] as const) {
    const event = busEvent(
      'scrape.finished',
      {
        searchId: 'sg-data',
        source: 'mcf',
        runId,
        status,
        coverage: { ...coverage, reportedTotal: 41 },
        drift: false,
        startedAt: '2026-03-01T08:00:00.000Z',
        finishedAt,
        durationMs: 60_000,
      },
      'scraper',
    );
    await api.handlers['scrape.finished@1'](
      event,
      standaloneHandlerContext((events) => api.ports.publisher.publish(events)),
    );
  }

  await driver.get(`${address}/app#/settings`);
  await driver.navigate().refresh(); // the config and runs changed behind the page's back
  const runs = await shownText(driver, '.source-runs tbody', /sg-data/);
  assert.match(runs, /lever-northwind lever not run yet/);
  assert.match(runs, /sg-data mcf partial: 40 listed of 41 the source reports, 38 read, 5 new or changed; 2 postings failed/);

  await (await shown(driver, 'input[name=sourceUrl]')).sendKeys('https://job-boards.greenhouse.io/acmerobotics/jobs/4012345');
  await (await shown(driver, 'form[aria-label="Add a source from a URL"] button[type=submit]')).click();
  await shownText(driver, '.resolution', /Found greenhouse \(from the URL\)/);
  await screenshotPanel('sources-title', 'cockpit-settings-sources');
  assert.deepEqual(await seriousAccessibilityViolations(driver), []);
  await (await shown(driver, '.resolution button')).click();
  await pageHolds(driver, "document.querySelector('.announcer').textContent.includes('Search greenhouse-acmerobotics added')", 'announced');
  await shownText(driver, '.source-runs tbody', /greenhouse-acmerobotics greenhouse not run yet/);
  const searches = (await api.app.inject({ method: 'GET', url: '/config/searches', headers: api.auth })).json().value;
  assert.deepEqual(searches.at(-1), {
    id: 'greenhouse-acmerobotics',
    source: 'greenhouse',
    boards: ['acmerobotics'],
    schedule: '0 8 * * *',
  });

  await (await shown(driver, 'input[name=sourceUrl]')).sendKeys('https://job-boards.greenhouse.io/acmerobotics');
  await (await shown(driver, 'form[aria-label="Add a source from a URL"] button[type=submit]')).click();
  await shownText(driver, '.resolution', /Already read by the search greenhouse-acmerobotics/);
});

test('a notification target is added, its webhook URL stored write-only, and its last failure shown', async () => {
  const webhook = 'https://hooks.slack.com/services/T0001/B0002/s3cr3t-t0k3n';
  await driver.get(`${address}/app#/settings`);
  await driver.navigate().refresh();
  await (await shown(driver, 'input[name=targetName]')).sendKeys('team-slack');
  await (await shown(driver, 'select[name=targetKind]')).sendKeys('Slack');
  await (await shown(driver, 'input[name=minScore]')).sendKeys('80');
  await (await shown(driver, 'input[name=digest]')).click();
  await (await shown(driver, 'form[aria-label="Add a notification target"] button[type=submit]')).click();
  await shownText(driver, '.target-list', /team-slack slack: each job from score 80\. no webhook URL stored; nothing sent yet/);
  const saved = (await api.app.inject({ method: 'GET', url: '/notifications/targets', headers: api.auth })).json();
  assert.deepEqual(
    saved.targets.map(({ secretStored: _s, delivery: _d, ...target }: Record<string, unknown>) => target),
    [{ name: 'team-slack', kind: 'slack', instant: true, digest: false, minScore: 80 }],
  );

  await (await shown(driver, 'input[name=targetSecret]')).sendKeys('http://127.0.0.1:9/hook');
  await (await shown(driver, 'form[aria-label="Store a target\'s secret"] button[type=submit]')).click();
  await shownText(driver, '[aria-labelledby=notifications-title] .error', /a loopback address/);
  const secretField = await shown(driver, 'input[name=targetSecret]');
  await secretField.clear();
  await secretField.sendKeys(webhook);
  await (await shown(driver, 'form[aria-label="Store a target\'s secret"] button[type=submit]')).click();
  await shownText(driver, '.target-list', /webhook URL stored; nothing sent yet/);
  assert.equal(await api.ports.secrets().get('notify/team-slack'), webhook);
  assert.equal(await (await shown(driver, 'input[name=targetSecret]')).getAttribute('value'), '', 'the field is emptied');

  await api.ports.tables.put('notifications', {
    key: 'target#team-slack',
    statusOf: 'team-slack',
    lastDeliveredAt: '2026-03-01T09:00:00.000Z',
    lastFailedAt: '2026-03-01T10:00:00.000Z',
    lastError: "target 'team-slack': hooks.slack.com answered 404",
    failuresInRow: 2,
    updatedAt: '2026-03-01T10:00:00.000Z',
  });
  await driver.navigate().refresh();
  await shownText(driver, '.target-list', /failing .* \(2 in a row\): target 'team-slack': hooks\.slack\.com answered 404/);
  assert.ok(!(await driver.getPageSource()).includes('s3cr3t-t0k3n'), 'the URL is never shown back');
  await screenshotPanel('notifications-title', 'cockpit-settings-notifications');
  assert.deepEqual(await seriousAccessibilityViolations(driver), []);
});

test('Send test asks the notifier for a test message and announces its outcome once the notifier recorded it', async () => {
  await driver.get(`${address}/app#/settings`);
  await driver.navigate().refresh();
  const asked = api.published('notification.test-requested').length;
  await (await shown(driver, 'button[aria-label="Send test to notification target team-slack"]')).click();
  await shownText(driver, '.target-list', /Test on its way…/);
  await pageHolds(driver, "document.querySelector('.announcer').textContent.includes('Sending a test to team-slack')", 'announced');
  const [request] = api.published('notification.test-requested').slice(asked);
  assert.equal(request?.target, 'team-slack');
  // What the notifier records in its own table once the test reached the target.
  await api.ports.tables.put('notifications', {
    key: 'target#team-slack',
    statusOf: 'team-slack',
    lastDeliveredAt: '2026-03-01T12:00:03.000Z',
    lastFailedAt: '2026-03-01T10:00:00.000Z',
    lastError: "target 'team-slack': hooks.slack.com answered 404",
    failuresInRow: 0,
    lastTest: { requestId: request!.requestId, delivered: true, at: '2026-03-01T12:00:03.000Z' },
    updatedAt: '2026-03-01T12:00:03.000Z',
  });
  await pageHolds(
    driver,
    "document.querySelector('.announcer').textContent.includes('The test reached team-slack')",
    'the outcome announced',
    10_000,
  );
  await shownText(driver, '.target-list', /last sent .*; last test reached it/);
  assert.deepEqual(await seriousAccessibilityViolations(driver), []);
});
