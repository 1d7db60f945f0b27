import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PROFILE, RESUME, startHarness } from '../support/harness.js';

let h: Awaited<ReturnType<typeof startHarness>>;

before(async () => {
  h = await startHarness();
  await h.storeSession();
});
after(async () => {
  await h?.close();
});

test('a dry run fills the form, stores a screenshot and submits nothing', async () => {
  const request = h.request('ml-engineer-102', 'Borealis AI', { dryRun: true });
  await h.deliver(request);

  const [submitted] = h.events('application.submitted', request.applicationId);
  assert.equal(submitted?.dryRun, true);
  const evidence = submitted?.evidence as { beforeBlobKey: string; afterBlobKey: string | null };
  assert.ok(await h.isPng(evidence.beforeBlobKey), 'screenshot of the filled form');
  assert.equal(evidence.afterBlobKey, null);
  assert.deepEqual(submitted?.answers, [
    { question: 'Are you legally authorised to work in Singapore?', answer: 'Yes' },
    { question: 'What is your notice period?', answer: '1 month' },
  ]);
  assert.equal(h.site.submissions.length, 0, 'nothing reached the site');
  assert.equal((await h.record(request.applicationId))?.status, 'dry-run');
});

test('applies: text fields, the select, the resume upload and screening answers, with before and after screenshots', async () => {
  const request = h.request('data-engineer-101', 'Acme Analytics');
  await h.deliver(request);

  const [submission] = h.site.submissionsFor('data-engineer-101');
  assert.ok(submission, 'the site recorded the application');
  assert.deepEqual(submission.fields, {
    'first-name': 'Ada',
    'last-name': 'Lovelace',
    email: 'ada@example.org',
    phone: '+65 8123 4567',
    country: 'Singapore',
    'q-work-authorisation': 'Yes',
    'q-python-years': '6',
  });
  assert.deepEqual(submission.resume, { name: 'ada-lovelace-resume.pdf', size: RESUME.length });
  const [submitted] = h.events('application.submitted', request.applicationId);
  const evidence = submitted?.evidence as { beforeBlobKey: string; afterBlobKey: string };
  assert.equal(submitted?.dryRun, false);
  assert.ok((await h.isPng(evidence.beforeBlobKey)) && (await h.isPng(evidence.afterBlobKey)), 'before and after screenshots stored');
  assert.equal((await h.record(request.applicationId))?.status, 'submitted');
});

test('a redelivered request submits once and announces once', async () => {
  const request = h.request('platform-engineer-103', 'Cobalt Cloud');
  await h.deliver(request, request);
  await h.deliver(request);
  assert.equal(h.site.submissionsFor('platform-engineer-103').length, 1);
  assert.equal(h.events('application.submitted', request.applicationId).length, 1);
});

test('a delivery that finds the intent recorded (a crash during the submit) never clicks submit again', async () => {
  const request = h.request('analytics-engineer-105', 'Delta Data');
  await h.ports.tables.put('applierState', {
    ...request,
    status: 'submitting',
    version: 3,
    sessionWaits: 0,
    submitAttemptedAt: new Date().toISOString(),
    outcome: null,
    outcomePublished: false,
    updatedAt: new Date().toISOString(),
  });
  await h.deliver(request);
  assert.equal(h.site.submissionsFor('analytics-engineer-105').length, 0);
  const [failed] = h.events('application.failed', request.applicationId);
  assert.deepEqual([failed?.code, failed?.needsUser], ['outcome-unknown', true]);
});

test('an outcome recorded but not yet published (a crash after the write) is published on redelivery, once', async () => {
  const request = h.request('sre-107', 'Fjord Systems');
  const outcome = {
    detailType: 'application.failed' as const,
    data: {
      applicationId: request.applicationId,
      jobId: request.jobId,
      site: 'jobboard',
      failedAt: new Date().toISOString(),
      code: 'form-changed' as const,
      message: 'the form has no field',
      needsUser: true,
      evidenceBlobKey: null,
    },
  };
  await h.ports.tables.put('applierState', {
    ...request,
    status: 'failed',
    version: 4,
    sessionWaits: 0,
    submitAttemptedAt: null,
    outcome,
    outcomePublished: false,
    updatedAt: new Date().toISOString(),
  });
  await h.deliver(request, request);
  assert.deepEqual(h.events('application.failed', request.applicationId), [outcome.data]);
  assert.equal((await h.record(request.applicationId))?.outcomePublished, true);
});

test("keeps its progress in its own table and never writes crm-api's applications table", async () => {
  const request = h.request('backend-engineer-104', 'Dynamo Data', { dryRun: true });
  await h.deliver(request);
  assert.equal((await h.record(request.applicationId))?.status, 'dry-run');
  assert.equal(await h.ports.tables.get('applications', { applicationId: request.applicationId }), undefined);
});

test('an expired session asks for a refresh, parks the application, and applies once session.refreshed arrives', async () => {
  h.site.expireSessions();
  const request = h.request('ml-engineer-102', 'Borealis AI');
  await h.deliver(request);

  const [refreshRequest] = h.events('session.refresh-requested');
  assert.deepEqual(
    [refreshRequest?.site, refreshRequest?.reason, refreshRequest?.applicationId],
    ['jobboard', 'rejected', request.applicationId],
  );
  assert.equal((await h.record(request.applicationId))?.status, 'waiting-session');
  assert.equal(h.site.submissionsFor('ml-engineer-102').length, 0);

  await h.storeSession();
  await h.refreshed('ok');
  assert.equal(h.site.submissionsFor('ml-engineer-102').length, 1);
  assert.equal(h.events('application.submitted', request.applicationId).length, 1);
});

test('when the refresh needs the user, the parked application fails with session-unavailable instead of waiting forever', async () => {
  await h.secrets.delete('site/jobboard/session');
  const request = h.request('backend-engineer-104', 'Dynamo Data', { dryRun: true });
  await h.deliver(request);
  assert.equal(h.events('session.refresh-requested').at(-1)?.reason, 'missing');
  await h.refreshed('needs-user', { reason: 'otp-required', message: 'the site asks for a one-time code' });
  const [failed] = h.events('application.failed', request.applicationId);
  assert.deepEqual([failed?.code, failed?.needsUser], ['session-unavailable', true]);
  assert.match(String(failed?.message), /otp-required/);
  await h.storeSession();
});

test('an unknown screening question stops with a clear status and evidence, and nothing is submitted', async () => {
  const request = h.request('data-scientist-106', 'Eos Labs');
  await h.deliver(request);
  const [failed] = h.events('application.failed', request.applicationId);
  assert.equal(failed?.code, 'unknown-question');
  assert.equal(failed?.needsUser, true);
  assert.equal(failed?.question, 'Are you willing to relocate to our Mars office?');
  assert.ok(await h.isPng(failed?.evidenceBlobKey), 'screenshot of the question');
  assert.equal(h.site.submissionsFor('data-scientist-106').length, 0);
  assert.equal(PROFILE.answers.length, 3, 'the answer bank was not extended by a guess');
});

test('a changed form and a server error are reported with their reason', async () => {
  const changed = h.request('sre-107', 'Fjord Systems');
  const broken = h.request('qa-engineer-108', 'Gamma Games');
  await h.deliver(changed, broken);
  assert.equal(h.events('application.failed', changed.applicationId)[0]?.code, 'form-changed');
  const [serverError] = h.events('application.failed', broken.applicationId);
  assert.equal(serverError?.code, 'site-error');
  assert.ok(await h.isPng(serverError?.evidenceBlobKey));
  assert.equal(h.site.submissions.length, 3, 'only the three successful applications reached the site');
});

test('once per job and once per company', async () => {
  const sameJob = h.request('data-engineer-101', 'Acme Analytics');
  const sameCompany = h.request('backend-engineer-104', 'Acme Analytics');
  await h.deliver(sameJob, sameCompany);
  assert.equal(h.events('application.failed', sameJob.applicationId)[0]?.code, 'duplicate-job');
  assert.equal(h.events('application.failed', sameCompany.applicationId)[0]?.code, 'duplicate-company');
  assert.equal(h.site.submissions.length, 3);
});

test('the daily cap lets exactly the allowed number of submissions through', async () => {
  const attemptedToday = (await h.ports.tables.scan('applierState')).items.filter((item) =>
    String(item.submitAttemptedAt ?? '').startsWith(new Date().toISOString().slice(0, 10)),
  ).length;
  h.useSettings({ guards: { dailyCap: attemptedToday + 1, jobWindowDays: 365, companyWindowDays: 30 } });
  const lastAllowed = h.request('backend-engineer-104', 'Dynamo Data');
  const overCap = h.request('analytics-engineer-105', 'Zeta Zone');
  await h.deliver(lastAllowed, overCap);
  assert.equal(h.events('application.submitted', lastAllowed.applicationId).length, 1);
  const [capped] = h.events('application.failed', overCap.applicationId);
  assert.deepEqual([capped?.code, capped?.needsUser], ['daily-cap', false]);
  assert.equal(h.site.submissionsFor('analytics-engineer-105').length, 0);
  const dryRun = h.request('analytics-engineer-105', 'Zeta Zone', { dryRun: true });
  await h.deliver(dryRun);
  assert.equal(h.events('application.submitted', dryRun.applicationId)[0]?.dryRun, true, 'dry runs are not capped');
  assert.deepEqual(await h.deadLetters(), []);
});

test('no session cookie value appears in any log line or event', () => {
  const logs = h.logLines.join('');
  const events = h.eventLogText();
  assert.ok(logs.includes('application submitted') && events.includes('application.submitted'), 'logs and events were captured');
  assert.ok(h.cookieValues.size >= 2);
  for (const secret of h.cookieValues) {
    assert.equal(logs.includes(secret), false, 'a cookie value leaked into the logs');
    assert.equal(events.includes(secret), false, 'a cookie value leaked into the events');
  }
});
