import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { tempDir } from '@jobpipe/test-kit';
import { offlineCli } from './support/offline-cli.js';

const dir = tempDir('jobpipe-cli-site-');
after(() => dir.remove());
const SECRET_KEY = 'cli site test secret key';
const PASSWORD = 'correct horse battery staple';

const { run: jobpipe, secret } = offlineCli(dir.path, SECRET_KEY);

test('jobpipe site add stores the credentials read from stdin and prints none of them', async () => {
  const run = jobpipe(`${PASSWORD}\njbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp\n`, 'site', 'add', 'jobboard', '--username', 'ada', '--totp');
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, /jobboard: username, password, TOTP secret stored in the secret store/);
  assert.ok(!run.output.includes(PASSWORD) && !run.output.toLowerCase().includes('jbsw'), 'no secret is printed');
  assert.equal(await secret('site/jobboard/username'), 'ada');
  assert.equal(await secret('site/jobboard/password'), PASSWORD);
  assert.equal(await secret('site/jobboard/totp'), 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
});

test('jobpipe site add refuses a TOTP secret that is not base32, saying why, and stores nothing', async () => {
  const run = jobpipe(`${PASSWORD}\nnot-a-secret-1!\n`, 'site', 'add', 'otherboard', '--username', 'ada', '--totp');
  assert.equal(run.code, 1);
  assert.match(run.output, /jobpipe: the TOTP secret must be base32/);
  assert.equal(await secret('site/otherboard/password'), undefined);
});

test('jobpipe secret set stores one value from stdin', async () => {
  const run = jobpipe('{"type":"service_account"}\n', 'secret', 'set', 'google/sheets-service-account');
  assert.equal(run.code, 0, run.output);
  assert.equal(run.output.trim(), 'stored google/sheets-service-account in the secret store');
  assert.equal(await secret('google/sheets-service-account'), '{"type":"service_account"}');
  const bad = jobpipe('x\n', 'secret', 'set', '../etc/passwd');
  assert.equal(bad.code, 1);
  assert.match(bad.output, /secret names are letters, digits/);
});
