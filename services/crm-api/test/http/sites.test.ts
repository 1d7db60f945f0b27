import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi();
});
after(() => api.close());

const PASSWORD = 'correct horse battery staple';
const TOTP = 'jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp';

const put = (site: string, payload: unknown, headers: Record<string, string> = api.auth) =>
  api.app.inject({ method: 'PUT', url: `/sites/${site}/credentials`, headers, payload: payload as object });

test("a site's credentials go straight to the secret store; the answer says only which are stored", async () => {
  const response = await put('jobboard', { username: 'ada', password: PASSWORD, totpSecret: TOTP });
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual(response.json(), { site: 'jobboard', username: true, password: true, totp: true });
  assert.ok(!response.body.includes(PASSWORD) && !response.body.includes('JBSW'), 'nothing secret is echoed');
  const secrets = api.ports.secrets();
  assert.equal(await secrets.get('site/jobboard/username'), 'ada');
  assert.equal(await secrets.get('site/jobboard/password'), PASSWORD);
  assert.equal(await secrets.get('site/jobboard/totp'), 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'stored without spaces, upper case');
  assert.equal(api.published('crm.stage-changed').length, 0);

  const status = await api.app.inject({ method: 'GET', url: '/sites/jobboard/credentials', headers: api.auth });
  assert.deepEqual(status.json(), { site: 'jobboard', username: true, password: true, totp: true });

  const kept = await put('jobboard', { username: 'ada', password: 'new password' });
  assert.equal(kept.json().totp, true, 'leaving the TOTP secret out keeps it');
  const removed = await put('jobboard', { username: 'ada', password: 'new password', totpSecret: null });
  assert.equal(removed.json().totp, false, 'null removes it');
  assert.equal(await secrets.get('site/jobboard/totp'), undefined);
});

test('bad credentials answer 400 naming the problem, and a read-only key may not write them', async () => {
  const notBase32 = await put('jobboard', { username: 'ada', password: PASSWORD, totpSecret: 'not a secret 1890!' });
  assert.equal(notBase32.statusCode, 400);
  assert.match(notBase32.json().message, /base32/);
  const short = await put('jobboard', { username: 'ada', password: PASSWORD, totpSecret: 'JBSWY3DP' });
  assert.match(short.json().message, /too short \(8 characters; at least 16\)/);
  const badSite = await put('Job%20Board', { username: 'ada', password: PASSWORD });
  assert.equal(badSite.statusCode, 400);
  const missing = await put('jobboard', { username: 'ada' });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.json().message, /password/);
  const readOnly = await put('jobboard', { username: 'ada', password: PASSWORD }, { 'x-api-key': api.readKey });
  assert.equal(readOnly.statusCode, 403);
  assert.ok(![notBase32, short, missing].some((response) => response.body.includes(PASSWORD)), 'errors never repeat the password');
});

test('unblocking a site asks the auth-refresher to lift the block and log in now; a bad site name is a 400', async () => {
  const response = await api.app.inject({ method: 'POST', url: '/sites/jobboard/unblock', headers: api.auth });
  assert.equal(response.statusCode, 202, response.body);
  assert.deepEqual(response.json(), { site: 'jobboard', requestedAt: '2026-03-01T12:00:00.000Z' });
  assert.deepEqual(api.published('session.refresh-requested'), [
    { site: 'jobboard', reason: 'unblocked', requestedAt: '2026-03-01T12:00:00.000Z' },
  ]);

  const bad = await api.app.inject({ method: 'POST', url: '/sites/Job_Board/unblock', headers: api.auth });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().message, /site/);
  const readOnly = await api.app.inject({ method: 'POST', url: '/sites/jobboard/unblock', headers: { 'x-api-key': api.readKey } });
  assert.equal(readOnly.statusCode, 403);
  assert.equal(api.published('session.refresh-requested').length, 1);
});

test("GET /sites: the config's sites and those with a session, with their credentials (which) and session state", async () => {
  const saved = await api.app.inject({
    method: 'PUT',
    url: '/config/sites',
    headers: api.auth,
    payload: { value: { jobboard: { baseUrl: 'http://127.0.0.1:4020', login: { url: '/login' } } } },
  });
  assert.equal(saved.statusCode, 200, saved.body);
  await api.ports.tables.put('sessions', {
    site: 'oldboard',
    status: 'blocked',
    expiresAt: null,
    failures: 3,
    lastError: 'the password was refused',
    reason: 'wrong-credentials',
    nextAttemptAt: null,
    screenshotBlobKey: null,
    updatedAt: '2026-03-01T11:00:00.000Z',
  });
  const response = await api.app.inject({ method: 'GET', url: '/sites', headers: api.auth });
  assert.equal(response.statusCode, 200, response.body);
  assert.deepEqual(response.json().items, [
    {
      site: 'jobboard',
      baseUrl: 'http://127.0.0.1:4020',
      login: true,
      apply: false,
      credentials: { username: true, password: true, totp: false },
      session: null,
    },
    {
      site: 'oldboard',
      baseUrl: null,
      login: false,
      apply: false,
      credentials: { username: false, password: false, totp: false },
      session: {
        status: 'blocked',
        reason: 'wrong-credentials',
        lastError: 'the password was refused',
        expiresAt: null,
        updatedAt: '2026-03-01T11:00:00.000Z',
      },
    },
  ]);
});
