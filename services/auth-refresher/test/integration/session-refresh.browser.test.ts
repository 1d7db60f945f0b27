import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { StoredSession } from '../../src/index.js';
import { startHarness, TOTP_SECRET } from '../support/harness.js';

let h: Awaited<ReturnType<typeof startHarness>>;
const cookieValues = new Set<string>();
const startedAt = new Date();

before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

async function storedSession(site: string): Promise<StoredSession | undefined> {
  const raw = await h.secrets.get(`site/${site}/session`);
  if (!raw) return undefined;
  const session = JSON.parse(raw) as StoredSession;
  for (const cookie of session.cookies) cookieValues.add(cookie.value);
  return session;
}

async function cookieOpensDashboard(siteUrl: string, session: StoredSession): Promise<boolean> {
  const cookie = session.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const response = await fetch(`${siteUrl}/dashboard`, { headers: { cookie }, redirect: 'manual' });
  return response.status === 200 && (await response.text()).includes('id="account-name"');
}

async function isPng(key: string | null | undefined): Promise<boolean> {
  const body = key ? await h.ports.blobs.get(key) : undefined;
  return body?.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) === true;
}

test('logs in, follows the redirect, stores a working session cookie, and announces only site and expiry', async () => {
  await h.storeCredentials('jobboard', 'ada', 'pw-Plain-9f3k2');
  await h.requestRefresh('jobboard');

  const session = await storedSession('jobboard');
  assert.ok(session, 'session stored in the secret store');
  assert.deepEqual(
    session.cookies.map((cookie) => cookie.name),
    ['jb_session'],
  );
  assert.ok(await cookieOpensDashboard(h.site.url, session), 'the captured cookie opens a page that needs a session');
  const [event] = h.refreshedEvents('jobboard');
  assert.equal(event?.status, 'ok');
  assert.equal(event?.expiresAt, session.expiresAt);
  assert.ok(Date.parse(session.expiresAt) > Date.now() + 50 * 60_000, 'expiry taken from the one-hour cookie');
  const record = await h.record('jobboard');
  assert.equal(record?.status, 'ok');
  assert.equal(record?.expiresAt, session.expiresAt);
  assert.equal(JSON.stringify(record).includes(session.cookies[0]!.value), false, 'the sessions table never holds the cookie');
});

test('a request made before the last login is answered from the fresh session without logging in again', async () => {
  const attempts = h.site.loginAttempts.length;
  await h.requestRefresh('jobboard', startedAt);
  assert.equal(h.site.loginAttempts.length, attempts);
  assert.equal(h.refreshedEvents('jobboard').at(-1)?.status, 'ok');
});

test('answers the one-time-code step with a code from the TOTP secret', async () => {
  // The hand clock runs well ahead of the real time here, as it does once earlier tests have stepped it
  // (or a slow browser start has let the real time run past it): the code must follow the service's clock.
  h.clock.advance(10 * 60_000);
  await h.storeCredentials('jobboard-otp', 'ada', 'pw-Otp-77c1x', TOTP_SECRET);
  await h.requestRefresh('jobboard-otp');
  // The record says why a login failed (reason, failures; never a secret: see the last test).
  const outcome = JSON.stringify(await h.record('jobboard-otp'));
  const session = await storedSession('jobboard-otp');
  assert.ok(session && (await cookieOpensDashboard(h.otpSite.url, session)), `no working session: ${outcome}`);
  assert.equal(h.refreshedEvents('jobboard-otp').at(-1)?.status, 'ok', outcome);
});

test('without a TOTP secret the OTP step parks the site as needs-otp and asks the user, instead of looping', async () => {
  await h.storeCredentials('jobboard-otp', 'ada', 'pw-Otp-77c1x');
  await h.requestRefresh('jobboard-otp');
  const record = await h.record('jobboard-otp');
  assert.equal(record?.status, 'needs-otp');
  assert.deepEqual(
    { status: h.refreshedEvents('jobboard-otp').at(-1)?.status, reason: h.refreshedEvents('jobboard-otp').at(-1)?.reason },
    { status: 'needs-user', reason: 'otp-required' },
  );
  const attempts = h.otpSite.loginAttempts.length;
  await h.requestRefresh('jobboard-otp');
  assert.equal(h.otpSite.loginAttempts.length, attempts, 'no new login while the site waits for the user');
  assert.equal(h.refreshedEvents('jobboard-otp').at(-1)?.status, 'needs-user');
});

test('a wrong password blocks the site at once with a screenshot; after the user fixes it, the next request logs in', async () => {
  await h.storeCredentials('jobboard', 'ada', 'not-the-password');
  await h.requestRefresh('jobboard');
  const record = await h.record('jobboard');
  assert.equal(record?.status, 'blocked');
  assert.equal(record?.reason, 'wrong-credentials');
  assert.ok(await isPng(record?.screenshotBlobKey), 'screenshot of the failed login in the blob store');
  const event = h.refreshedEvents('jobboard').at(-1);
  assert.equal(event?.status, 'needs-user');
  assert.equal(event?.screenshotBlobKey, record?.screenshotBlobKey);

  const attempts = h.site.loginAttempts.length;
  await h.requestRefresh('jobboard');
  assert.equal(h.site.loginAttempts.length, attempts, 'a blocked site is not tried again');

  await h.storeCredentials('jobboard', 'ada', 'pw-Plain-9f3k2');
  await h.requestUnblock('jobboard');
  assert.equal(h.site.loginAttempts.length, attempts + 1, 'the unblock request logs in at once');
  assert.equal((await h.record('jobboard'))?.status, 'ok');
  await storedSession('jobboard');
});

test('the schedule logs in again shortly before the session expires', async () => {
  const record = await h.record('jobboard');
  const attempts = h.site.loginAttempts.length;
  assert.deepEqual(await h.refresher.onSchedule(h.logger), [], 'nothing due an hour before expiry');
  h.clock.set(new Date(Date.parse(record!.expiresAt!) - 5 * 60_000));
  const events = await h.refresher.onSchedule(h.logger);
  assert.equal(h.site.loginAttempts.length, attempts + 1);
  const after = await h.record('jobboard');
  assert.deepEqual(
    events.map((event) => [event.site, event.status]),
    [['jobboard', 'ok']],
    `the scheduled login ended ${after?.status} (${after?.reason})`,
  );
  await storedSession('jobboard');
});

test('a changed login page fails with a screenshot, backs off, and blocks after three failures', async () => {
  h.site.behaviour.loginPage = 'changed';
  try {
    const eventsBefore = h.refreshedEvents('jobboard').length;
    await h.requestRefresh('jobboard');
    let record = await h.record('jobboard');
    assert.equal(record?.status, 'failed');
    assert.equal(record?.reason, 'login-page-changed');
    assert.equal(record?.failures, 1);
    assert.ok(await isPng(record?.screenshotBlobKey));
    assert.equal(h.refreshedEvents('jobboard').length, eventsBefore, 'a failure that may pass is not announced');

    await h.requestRefresh('jobboard');
    assert.equal((await h.record('jobboard'))?.failures, 1, 'no login during the backoff');

    h.clock.advance(61_000);
    await h.requestRefresh('jobboard');
    record = await h.record('jobboard');
    assert.equal(record?.failures, 2);
    assert.equal(Date.parse(record!.nextAttemptAt!) - h.clock.now().getTime(), 120_000, 'the backoff doubles');

    h.clock.advance(121_000);
    await h.requestRefresh('jobboard');
    record = await h.record('jobboard');
    assert.equal(record?.status, 'blocked');
    assert.equal(record?.reason, 'too-many-failures');
    assert.deepEqual(
      [h.refreshedEvents('jobboard').at(-1)?.status, h.refreshedEvents('jobboard').at(-1)?.reason],
      ['needs-user', 'too-many-failures'],
    );
    assert.deepEqual(await h.deadLetters(), [], 'failures are statuses, not dead letters');
  } finally {
    h.site.behaviour.loginPage = 'standard';
  }
});

test('no password, TOTP secret or cookie value appears in any log line, event or sessions row', async () => {
  const logs = h.logLines.join('');
  const events = h.eventLogText();
  const rows = JSON.stringify((await h.ports.tables.scan('sessions')).items);
  assert.ok(logs.includes('session refreshed') && events.includes('session.refreshed'), 'logs and events were captured');
  assert.ok(cookieValues.size >= 3, 'cookie values were collected');
  for (const secret of ['pw-Plain-9f3k2', 'pw-Otp-77c1x', 'not-the-password', TOTP_SECRET, ...cookieValues]) {
    for (const [where, text] of Object.entries({ logs, events, rows })) {
      assert.equal(text.includes(secret), false, `a secret (${secret.slice(0, 3)}…) leaked into ${where}`);
    }
  }
});
