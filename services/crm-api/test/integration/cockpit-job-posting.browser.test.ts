/**
 * The job page's posting section in real Chromium: close and reopen the posting (202, applied by the
 * parser), ghost-risk flags dismissed and restored, dismissed flags shown as dismissed, refusals in words.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { EventDataMap } from '@jobpipe/contracts';
import { standaloneHandlerContext } from '@jobpipe/shared';
import { busEvent, exampleTableItem } from '@jobpipe/test-kit';
import type { WebDriver } from 'selenium-webdriver';
import { feedScored, scoredData, startTestApi, type TestApi } from '../helpers.js';
import { closeCockpit, openCockpit, pageHolds, seriousAccessibilityViolations, shownText } from './cockpit-browser.js';

let api: TestApi;
let driver: WebDriver;
let address: string;

const JOB = 'greenhouse:4410287';
const EXPIRED = 'greenhouse:4410290';
const pageOf = (jobId: string) => `${address}/app#/jobs/${encodeURIComponent(jobId)}`;
const text = (css: string) => shownText(driver, css, /[\s\S]*/);
const context = () => standaloneHandlerContext((events) => api.ports.publisher.publish(events));

/** Delivers one of the parser's lifecycle events to crm-api, as its queue would. */
async function fromParser<T extends 'job.closed' | 'job.reopened' | 'job.flagged'>(detailType: T, data: EventDataMap[T]) {
  await api.handlers[`${detailType}@1` as 'job.flagged@1'](busEvent(detailType, data as never, 'parser') as never, context());
}

/** The parser's `job.closed` of a job. */
function closedData(jobId: string, closedAt: string, closeReason: 'user' | 'expired'): EventDataMap['job.closed'] {
  return { jobId, closedAt, closeReason, firstSeenAt: '2026-10-01T00:00:00.000Z', lastSeenAt: '2026-11-19T00:00:00.000Z' };
}

/** The parser's job item changed as the parser changes it (requestClosure reads the parser's table). */
async function storedJob(jobId: string, closure: { closedAt: string; closeReason: 'user' | 'expired' } | undefined) {
  await api.ports.tables.put('jobs', exampleTableItem('jobs', 'valid-basic', { jobId, ...(closure ?? {}) }));
}

/** Clicks the button whose text is `label` in the posting section. */
async function click(label: string) {
  await pageHolds(
    driver,
    `[...document.querySelectorAll('.job-posting button')].some((button) => button.textContent === ${JSON.stringify(label)})`,
    `a '${label}' button`,
  );
  await driver.executeScript(
    `[...document.querySelectorAll('.job-posting button')].find((button) => button.textContent === ${JSON.stringify(label)}).click()`,
  );
}

before(async () => {
  api = await startTestApi();
  await feedScored(
    api,
    scoredData(JOB, { score: 81, job: { title: 'Platform Engineer', company: 'Northwind', source: 'greenhouse' } }),
    scoredData(EXPIRED, { score: 64, job: { title: 'Data Analyst', company: 'Northwind', source: 'greenhouse' } }),
  );
  await storedJob(JOB, undefined);
  await storedJob(EXPIRED, { closedAt: '2026-11-20T00:00:00.000Z', closeReason: 'expired' });
  await fromParser('job.closed', { ...closedData(EXPIRED, '2026-11-20T00:00:00.000Z', 'expired'), expiresAt: '2026-11-19T00:00:00.000Z' });
  await fromParser('job.flagged', {
    jobId: JOB,
    flaggedAt: '2026-11-30T08:16:02.000Z',
    flags: [
      {
        kind: 'open-past-usual-close',
        detail: 'up 77 days; 9 in 10 of its source’s postings closed within 41',
        since: '2026-11-30T08:16:02.000Z',
      },
      { kind: 'relisted-repeatedly', detail: 'listed 3 times under new ids', since: '2026-11-02T08:15:44.000Z' },
    ],
  });
  ({ driver, address } = await openCockpit(api, '#api-key'));
});
after(() => closeCockpit(driver, api));

test('a ghost-risk flag is dismissed from the job page, shown as dismissed, and restored', async () => {
  await driver.get(pageOf(JOB));
  assert.equal(await text('#posting-title'), 'Posting: open');
  assert.match(await text('.ghost-flags'), /relisted-repeatedly: listed 3 times under new ids/);

  await click('Dismiss relisted-repeatedly');
  await pageHolds(
    driver,
    "document.querySelector('.flag.dismissed')?.textContent.includes('relisted-repeatedly') && document.querySelector('.flag.dismissed').textContent.includes('dismissed on')",
    'the flag shows as dismissed',
  );
  assert.deepEqual(
    api.published('crm.flag-dismissals-changed').map((changed) => [changed.change.kind, changed.change.dismissed]),
    [['relisted-repeatedly', true]],
  );
  assert.deepEqual(await seriousAccessibilityViolations(driver), []);

  await click('Restore relisted-repeatedly');
  await pageHolds(driver, "document.querySelector('.flag.dismissed') === null", 'the flag is no longer dismissed');
  assert.deepEqual(
    api.published('crm.flag-dismissals-changed').map((changed) => [changed.change.kind, changed.change.dismissed]),
    [
      ['relisted-repeatedly', true],
      ['relisted-repeatedly', false],
    ],
  );
});

test('the posting is closed from the page (202: asked of the parser), shown closed once it is, and reopened', async () => {
  await driver.get(pageOf(JOB));
  await click('Close the posting');
  assert.match(await text('.job-posting .requested'), /Close requested: the posting closes once it is recorded/);
  assert.deepEqual(
    api.published('job.close-requested').map(({ jobId, action }) => [jobId, action]),
    [[JOB, 'close']],
  );

  // The parser closes it and announces job.closed; the page reads the job again.
  await storedJob(JOB, { closedAt: '2026-12-02T09:00:00.000Z', closeReason: 'user' });
  await fromParser('job.closed', closedData(JOB, '2026-12-02T09:00:00.000Z', 'user'));
  await driver.get(`${address}/app#/inbox`);
  await driver.get(pageOf(JOB));
  assert.equal(await shownText(driver, '#posting-title', /closed/), 'Posting: closed');
  assert.match(await text('.job-posting .closure'), /you closed it/);

  await click('Reopen the posting');
  assert.match(await text('.job-posting .requested'), /Reopen requested/);
  assert.deepEqual(
    api.published('job.close-requested').map(({ action }) => action),
    ['close', 'reopen'],
  );
  assert.deepEqual(await seriousAccessibilityViolations(driver), []);
});

test('a reopen the API refuses (the posting expired, the user did not close it) is said in words', async () => {
  await driver.get(pageOf(EXPIRED));
  assert.match(await text('.job-posting .closure'), /its closing date passed/);
  await click('Reopen the posting');
  assert.match(await text('.job-posting .error'), /closed for 'expired', not by the user: only a close by the user can be taken back/);
  assert.equal(api.published('job.close-requested').filter((request) => request.jobId === EXPIRED).length, 0);
});
