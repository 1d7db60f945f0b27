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
