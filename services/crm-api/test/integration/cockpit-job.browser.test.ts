import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { standaloneHandlerContext } from '@jobpipe/shared';
import { busEvent, exampleTableItem } from '@jobpipe/test-kit';
import type { WebDriver } from 'selenium-webdriver';
import { feedScored, scoredData, startTestApi, type TestApi } from '../helpers.js';
import { closeCockpit, openCockpit, pageHolds, screenshot, seriousAccessibilityViolations, shown, shownText } from './cockpit-browser.js';

let api: TestApi;
let driver: WebDriver;
let address: string;

const JOB = 'mcf:4c6dcbb1b0d2e7d6a3b1b7f3e0f2a9c1';
const pageOf = (jobId: string) => `${address}/app#/jobs/${encodeURIComponent(jobId)}`;
/** The element's text once it shows, read again when the view re-rendered it meanwhile. */
const text = (css: string) => shownText(driver, css, /[\s\S]*/);

before(async () => {
  api = await startTestApi();
  await feedScored(
    api,
    scoredData(JOB, {
      score: 88,
      job: { title: 'Data Engineer', company: 'Acme Analytics', source: 'mcf' },
      reasons: [
        { kind: 'title', text: "title mentions 'data engineer'", points: 30 },
        { kind: 'blocked', text: "body mentions 'commission only'", points: -12 },
      ],
    }),
  );
  await api.ports.tables.put('jobs', exampleTableItem('jobs', 'valid-basic', { jobId: JOB }));
  await api.ports.tables.put(
    'jobs',
    exampleTableItem('jobs', 'valid-basic', {
      jobId: 'lever:acme-7',
      source: 'lever',
      externalId: 'acme-7',
      canonicalUrl: 'https://jobs.lever.example/acme/7',
      canonicalJobId: JOB,
      duplicateConfidence: 0.94,
    }),
  );
  ({ driver, address } = await openCockpit(api));
  // A screenshot as the applier keeps it: a real PNG in the blob store, named by a failed application.
  await driver.get('data:text/html,<h1>Apply form</h1>');
  await api.ports.blobs.put('applications/3f9a1c2e/before.png', Buffer.from(await driver.takeScreenshot(), 'base64'), 'image/png');
  await api.ports.tables.put('applications', exampleTableItem('applications', 'valid-failed', { jobId: JOB }));
  for (const to of ['screened', 'shortlisted'])
    await api.app.inject({ method: 'POST', url: `/jobs/${encodeURIComponent(JOB)}/stage`, headers: api.auth, payload: { to } });
  await driver.get(`${address}/app#key=${api.key}`);
  await shown(driver, '#api-key');
});
after(() => closeCockpit(driver, api));

test('the job page: sanitized description, every field with its provenance, reasons, duplicates, applications with evidence', async () => {
  await driver.get(pageOf(JOB));
  assert.equal(await text('#job-title'), 'Data Engineer');
  assert.equal(await text('.description b'), 'Spark', "the parser's sanitized HTML is shown as HTML");
  const rows = (await driver.executeScript(
    "return [...document.querySelectorAll('.fields tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent))",
  )) as string[][];
  const row = (label: string) => rows.find((cells) => cells[0] === label);
  assert.deepEqual(row('Salary'), ['Salary', 'SGD 6,000–9,000 a month', 'mcf:salary']);
  assert.deepEqual(row('Experience'), ['Experience', 'from 3 years', 'mcf:minimumYearsExperience']);
  assert.deepEqual(row('Company'), ['Company', 'ACME ANALYTICS PTE. LTD.', '—']);
  assert.equal(rows.length, 12, 'every field a person reads');
  assert.match(await text('.reasons'), /\+30 title mentions 'data engineer'\n-12 body mentions 'commission only'/);
  assert.match(await text('[aria-labelledby=duplicates-title]'), /lever: Data Engineer at ACME ANALYTICS PTE\. LTD\./);
  assert.match(
    await text('.application.failed'),
    /Application to www\.mycareersfuture\.gov\.sg.*failed \(unknown-question\): no answer for a screening question/,
  );
  await pageHolds(driver, "document.querySelector('img.evidence')?.naturalWidth > 0", 'the evidence screenshot loads with the key');
  await screenshot(driver, 'cockpit-job');
  assert.deepEqual(await seriousAccessibilityViolations(driver), []);
});

test('a note and an employer response are added from the page and join its history', async () => {
  await driver.get(pageOf(JOB));
  await (await shown(driver, 'textarea[name=note]')).sendKeys('Asked Sam for a referral');
  await (await shown(driver, '.journal-form button[type=submit]')).click();
  await pageHolds(driver, "document.querySelector('.history').textContent.includes('note: Asked Sam for a referral')", 'the note shows');
  assert.equal(await (await shown(driver, 'textarea[name=note]')).getAttribute('value'), '', 'the note box is emptied');

  await (await shown(driver, 'select[name=responseKind]')).sendKeys('interview-scheduled');
  await (await shown(driver, 'input[name=interviewAt]')).sendKeys('03102026\t1430');
  await driver.executeScript("document.querySelectorAll('.journal-form')[1].requestSubmit()");
  await pageHolds(
    driver,
    "document.querySelector('.history').textContent.includes('employer response: interview-scheduled, interview on')",
    'the response shows',
  );
  const history = await api.app.inject({ method: 'GET', url: `/jobs/${encodeURIComponent(JOB)}/history`, headers: api.auth });
  const kinds = (history.json().items as { kind: string }[]).map((entry) => entry.kind);
  assert.deepEqual(kinds.slice(-2), ['note', 'response']);
  assert.match(await text('[aria-labelledby=stage-title]'), /1 employer response\(s\) recorded/);
});

test('a dry run asked for on the page is requested, and its outcome arrives live with its evidence', async () => {
  await driver.get(pageOf(JOB));
  await (await shown(driver, '[aria-labelledby=applications-title] button.secondary')).click();
  await pageHolds(
    driver,
    "document.querySelector('.application.requested')?.textContent.includes('waiting for the applier')",
    'the request shows',
  );
  const requested = api.published('application.requested') as { applicationId: string; dryRun: boolean; site: string }[];
  assert.equal(requested.length, 1);
  assert.equal(requested[0]!.dryRun, true);

  await pageHolds(driver, "document.querySelector('.live').textContent === 'live'", 'the live stream connects');
  const data = {
    applicationId: requested[0]!.applicationId,
    jobId: JOB,
    site: requested[0]!.site,
    dryRun: true,
    submittedAt: new Date().toISOString(),
    evidence: { beforeBlobKey: 'applications/3f9a1c2e/before.png', afterBlobKey: null },
    answers: [],
  };
  await api.handlers['application.submitted@1'](
    busEvent('application.submitted', data, 'applier'),
    standaloneHandlerContext((events) => api.ports.publisher.publish(events)),
  );
  await pageHolds(
    driver,
    "document.querySelector('.application.submitted')?.textContent.includes('form filled, not submitted')",
    'the outcome arrives',
  );
  await pageHolds(
    driver,
    "document.querySelectorAll('img.evidence').length === 2 && [...document.querySelectorAll('img.evidence')].every((img) => img.naturalWidth > 0)",
    'its evidence shows',
  );
});

test('applying to a job that is not shortlisted is explained', async () => {
  await feedScored(api, scoredData('greenhouse:5', { score: 50, job: { title: 'Analyst', company: 'Initech' } }));
  await driver.get(pageOf('greenhouse:5'));
  assert.match(await text('[aria-labelledby=applications-title]'), /Shortlist the job first/);
  await (await shown(driver, '[aria-labelledby=applications-title] button:not(.secondary)')).click();
  assert.match(
    await text('[aria-labelledby=applications-title] .error'),
    /only a shortlisted job can be applied to; 'greenhouse:5' is 'new'/,
  );
});
