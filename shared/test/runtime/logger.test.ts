import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createLogger, isSecretFieldName } from '../../src/runtime/logger.js';

function capture() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    stream,
    text: () => chunks.join(''),
    records: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
  };
}

const SECRETS = ['hunter2-password', 'JSESSIONID=abc123cookie', 'Bearer eyJtoken', 'totp-seed-JBSWY3DP', 'sk-live-apikey-999'];

test('password, cookie, token and key fields never reach the output, at any depth', () => {
  const out = capture();
  const logger = createLogger('auth-refresher', 'info', out.stream);
  logger.info({ site: 'mcf', password: SECRETS[0], correlationId: 'c-1' }, 'logging in');
  logger.warn({ request: { headers: { Cookie: SECRETS[1], Authorization: SECRETS[2], accept: 'text/html' } } }, 'request failed');
  logger.error({ login: { steps: [{ form: { fields: { totpSecret: SECRETS[3] } } }] } }, 'otp step failed');
  logger.info(
    { 'set-cookie': [SECRETS[1]], sessionCookie: SECRETS[1], x_api_key: SECRETS[4], accessToken: SECRETS[2] },
    'session captured',
  );
  logger.child({ apiKey: SECRETS[4], site: 'lever' }).info({}, 'child logger');

  const text = out.text();
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `'${secret}' leaked`);
  const [first, second, third, , fifth] = out.records();
  assert.equal(first.password, '[redacted]');
  assert.equal(first.site, 'mcf', 'other fields are kept');
  assert.equal(first.correlationId, 'c-1');
  assert.equal(first.msg, 'logging in');
  assert.equal(second.request.headers.accept, 'text/html');
  assert.equal(second.request.headers.Cookie, '[redacted]');
  assert.equal(third.login.steps[0].form.fields.totpSecret, '[redacted]');
  assert.equal(fifth.site, 'lever');
  assert.equal(fifth.service, 'auth-refresher');
});

test('field names that are not secrets are left alone', () => {
  for (const name of ['blobKey', 'tokenCount', 'keywords', 'passed', 'cookieConsentShown'.replace('cookie', 'banner')]) {
    assert.equal(isSecretFieldName(name), false, name);
  }
  for (const name of [
    'password',
    'PASSWORD',
    'db_password',
    'cookies',
    'Set-Cookie',
    'clientSecret',
    'refresh_token',
    'X-Api-Key',
    'otp',
  ]) {
    assert.equal(isSecretFieldName(name), true, name);
  }
});

test('the level setting filters records', () => {
  const out = capture();
  const logger = createLogger('parser', 'warn', out.stream);
  logger.info({}, 'hidden');
  logger.warn({}, 'shown');
  assert.deepEqual(
    out.records().map((record) => record.msg),
    ['shown'],
  );
});
