/**
 * The demo works on first try: a fresh embedded stack with the repository's config serves the test job
 * site on its own port with a demo account (made up, in the secret store only) and TOTP sign-in; its
 * postings are scraped through their JSON-LD, and `jobpipe apply --dry-run` and a real `jobpipe apply`
 * to one of them succeed with evidence screenshots, as do a dry run and a real application from the
 * cockpit's job page in Chromium. The applier and auth-refresher know the site only from the config's
 * `sites` (no sites file is set).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildCockpit } from '@jobpipe/crm-api/cockpit-build';
import { startChromium } from '@jobpipe/shared/browser';
import { freePort, waitFor } from '@jobpipe/test-kit';
import { REPO_ROOT } from '../../src/config.js';
import { demoJobSiteConfigText, testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

let running: TestStack | undefined;
after(() => running?.stop());

/** Runs `jobpipe <args>` as a user would (async: the test serves HTTP meanwhile). */
function jobpipe(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { NODE_TEST_CONTEXT: _context, ...parentEnv } = process.env;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'cli', 'src', 'main.ts'), ...args], {
      cwd: REPO_ROOT,
      env: { ...parentEnv, JOBPIPE_LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

type Listed = { jobId: string; url: string };
/** The listed postings of the test job site, once scraped. */
let jobs: Listed[] = [];
const jobAt = (path: string) => jobs.find((listed) => listed.url.endsWith(path))!;

before(async () => {
  await buildCockpit();
  const jobSitePort = await freePort();
  running = await startTestStack({ configFor: (apiPort) => testConfig(demoJobSiteConfigText({ apiPort, jobSitePort })) });
  const { stack } = running;
  assert.equal(stack.jobSite?.url, `http://127.0.0.1:${jobSitePort}`, 'the job site has its own port');
  await stack.api.request('POST', '/scrape', { searchId: 'demo-job-site' });
  await waitFor(
    "the job site's postings to be listed",
    async () => {
      jobs = (await stack.api.request<{ items: Listed[] }>('GET', '/jobs?status=all&collapse=false&limit=50')).items;
      return ['/jobs/data-engineer-101', '/jobs/ml-engineer-102'].every((path) => jobs.some((job) => job.url.endsWith(path)));
    },
    { timeoutMs: 90_000, intervalMs: 500, detail: () => `${jobs.length} listed` },
  );
});

test('jobpipe apply: a dry run and a real application to the demo job site succeed with evidence', { timeout: 240_000 }, async () => {
  const { stack } = running!;
  const job = jobAt('/jobs/data-engineer-101');
  for (const to of ['screened', 'shortlisted']) await stack.api.request('POST', `/jobs/${encodeURIComponent(job.jobId)}/stage`, { to });

  const cli = ['--api', stack.api.baseUrl];
  const env = { JOBPIPE_API_KEY: stack.apiKey };
  const dryRun = await jobpipe(['apply', job.jobId, '--dry-run', '--wait', '120', ...cli], env);
  assert.equal(dryRun.code, 0, dryRun.stdout + dryRun.stderr);
  assert.match(dryRun.stdout, /^dry run \S+ to jobboard: form filled, not submitted$/m);
  assert.match(dryRun.stdout, /evidence: http:\/\/127\.0\.0\.1:\d+\/applications\/\S+\/evidence\/0/);

  const real = await jobpipe(['apply', job.jobId, '--wait', '120', ...cli], env);
  assert.equal(real.code, 0, real.stdout + real.stderr);
  assert.match(real.stdout, /^application \S+ to jobboard: submitted$/m);
  const applicationId = /^application (\S+) to/m.exec(real.stdout)![1]!;
  const evidence = await fetch(`${stack.api.baseUrl}/applications/${applicationId}/evidence/0`, {
    headers: { authorization: `Bearer ${stack.apiKey}` },
  });
  assert.equal(evidence.status, 200);
  assert.equal(evidence.headers.get('content-type'), 'image/png');
  assert.deepEqual([...new Uint8Array(await evidence.arrayBuffer()).subarray(1, 4)], [...Buffer.from('PNG')]);
});

test("the cockpit's job page: moved to shortlisted, a dry run and a real application succeed with evidence", {
  timeout: 240_000,
}, async () => {
  const { stack } = running!;
  const job = jobAt('/jobs/ml-engineer-102');
  const driver = await startChromium({ windowSize: { width: 1400, height: 1000 } });
  const holds = (script: string, message: string, timeoutMs = 120_000) =>
    driver.wait(async () => driver.executeScript(`return ${script}`), timeoutMs, message);
  /** Clicks the page's button of that label, as a person would. */
  const press = async (label: string) => {
    const find = `[...document.querySelectorAll('button')].find((button) => button.textContent.trim() === ${JSON.stringify(label)})`;
    await holds(find, `a '${label}' button`, 10_000);
    await driver.executeScript(`${find}.click()`);
  };
  try {
    await driver.get(`${stack.api.baseUrl}/app#key=${stack.apiKey}`);
    await driver.get(`${stack.api.baseUrl}/app#/jobs/${encodeURIComponent(job.jobId)}`);
    await holds("document.querySelector('#job-title')", 'the job page', 10_000);
    await press('Move to screened');
    await holds("document.querySelector('#stage-title')?.textContent === 'Stage: screened'", 'moved to screened', 10_000);
    await press('Move to shortlisted');
    await holds("document.querySelector('#stage-title')?.textContent === 'Stage: shortlisted'", 'moved to shortlisted', 10_000);

    await press('Dry run');
    await holds(
      "document.querySelector('.application.submitted')?.textContent.includes('form filled, not submitted')",
      'the dry run succeeds (live)',
    );
    await press('Apply');
    await holds(
      "[...document.querySelectorAll('.application.submitted')].some((item) => item.textContent.startsWith('Application') && item.textContent.includes(': submitted'))",
      'the application is submitted (live)',
    );
    await holds(
      "document.querySelectorAll('img.evidence').length >= 3 && [...document.querySelectorAll('img.evidence')].every((img) => img.naturalWidth > 0)",
      'the evidence screenshots show',
      20_000,
    );
    const applications = await stack.api.request<{ items: { status: string; dryRun: boolean; site: string }[] }>(
      'GET',
      `/applications?jobId=${encodeURIComponent(job.jobId)}`,
    );
    assert.deepEqual(
      applications.items.map(({ status, dryRun, site }) => ({ status, dryRun, site })).sort((a, b) => Number(a.dryRun) - Number(b.dryRun)),
      [
        { status: 'submitted', dryRun: false, site: 'jobboard' },
        { status: 'submitted', dryRun: true, site: 'jobboard' },
      ],
    );
  } finally {
    await driver.quit();
  }
});
