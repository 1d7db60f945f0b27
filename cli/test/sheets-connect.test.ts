import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '@jobpipe/test-kit';
import { offlineCli } from './support/offline-cli.js';

const dir = tempDir('jobpipe-cli-sheets-');
after(() => dir.remove());
const SECRET_KEY = 'cli sheets test secret key';
const PRIVATE_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const KEY_FILE = JSON.stringify(
  { type: 'service_account', private_key: PRIVATE_KEY, client_email: 'bridge@my-project.iam.gserviceaccount.com' },
  null,
  2,
);
const SPREADSHEET_ID = '1QwErTyUiOpAsDfGhJkLzXcVbNm0987654321_-a';

const { run: jobpipe, secret } = offlineCli(dir.path, SECRET_KEY);

test('jobpipe sheets connect refuses a key without a private key, naming the field, and stores nothing', async () => {
  const run = jobpipe('{"type":"service_account","client_email":"a@b.c"}', 'sheets', 'connect', '--spreadsheet', SPREADSHEET_ID);
  assert.equal(run.code, 1);
  assert.match(run.output, /^jobpipe: credentials\.private_key is missing or not a PEM private key/m);
  assert.equal(await secret('sheets-bridge/google-credentials'), undefined);
  assert.match(jobpipe('', 'sheets', 'status').output, /^not connected: the service-account key and a spreadsheet missing/);
});

test('jobpipe sheets connect stores a key file piped in and the spreadsheet of an address, printing no part of the key', async () => {
  const run = jobpipe(KEY_FILE, 'sheets', 'connect', '--spreadsheet', `https://docs.google.com/spreadsheets/d/${SPREADSHEET_ID}/edit`);
  assert.equal(run.code, 0, run.output);
  assert.match(
    run.output,
    new RegExp(`^connected: spreadsheet ${SPREADSHEET_ID}\nservice account bridge@my-project\\.iam\\.gserviceaccount\\.com: share`),
  );
  assert.ok(!run.output.includes('PRIVATE KEY') && !run.output.includes(PRIVATE_KEY.split('\n')[1]!), 'no part of the key is printed');
  assert.equal(JSON.parse((await secret('sheets-bridge/google-credentials'))!).private_key, PRIVATE_KEY);
  assert.equal(await secret('sheets-bridge/spreadsheet-id'), SPREADSHEET_ID);
});

test('jobpipe sheets connect reads --key-file; jobpipe sheets status says what is connected', () => {
  const file = join(dir.path, 'key.json');
  writeFileSync(file, KEY_FILE);
  const run = jobpipe('', 'sheets', 'connect', '--spreadsheet', SPREADSHEET_ID, '--key-file', file);
  assert.equal(run.code, 0, run.output);
  const status = jobpipe('', 'sheets', 'status');
  assert.equal(status.code, 0, status.output);
  assert.match(status.output, /^connected: spreadsheet 1QwErTy/);
  assert.match(status.output, /\nlast sync: none yet\n$/, 'the bridge has not synced yet');
});
