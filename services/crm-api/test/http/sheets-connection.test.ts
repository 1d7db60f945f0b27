import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi();
});
after(() => api.close());

const PRIVATE_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const KEY_FILE = {
  type: 'service_account',
  project_id: 'jobpipe-test',
  private_key_id: 'f00dfeed',
  private_key: PRIVATE_KEY,
  client_email: 'sheets-bridge@jobpipe-test.iam.gserviceaccount.com',
  client_id: '1234567890',
  token_uri: 'https://oauth2.googleapis.com/token',
};
const SPREADSHEET_ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-x';
const keyBody = PRIVATE_KEY.split('\n')[1]!;
const inject = (method: 'GET' | 'PUT', payload?: object) =>
  api.app.inject({ method, url: '/sheets/connection', headers: api.auth, ...(payload ? { payload } : {}) });

test('nothing connected: the status says so', async () => {
  const status = await inject('GET');
  assert.equal(status.statusCode, 200);
  assert.deepEqual(status.json(), {
    configured: false,
    credentialsStored: false,
    serviceAccount: null,
    spreadsheetId: null,
    lastSync: null,
  });
});

test('a key file and a spreadsheet address are stored under the names the sheets bridge reads, and never shown back', async () => {
  const saved = await inject('PUT', {
    credentials: JSON.stringify(KEY_FILE),
    spreadsheet: `https://docs.google.com/spreadsheets/d/${SPREADSHEET_ID}/edit#gid=0`,
  });
  assert.equal(saved.statusCode, 200, saved.body);
  const expected = {
    configured: true,
    credentialsStored: true,
    serviceAccount: 'sheets-bridge@jobpipe-test.iam.gserviceaccount.com',
    spreadsheetId: SPREADSHEET_ID,
    lastSync: null,
  };
  assert.deepEqual(saved.json(), expected);
  assert.deepEqual((await inject('GET')).json(), expected);
  const secrets = api.ports.secrets();
  assert.deepEqual(JSON.parse((await secrets.get('sheets-bridge/google-credentials'))!), KEY_FILE);
  assert.equal(await secrets.get('sheets-bridge/spreadsheet-id'), SPREADSHEET_ID);
  assert.ok(!saved.body.includes(keyBody), 'the key is not answered');
  assert.equal(api.ports.bus.publishedEvents().length, 0, 'nothing is published');

  const asObject = await inject('PUT', { credentials: KEY_FILE, spreadsheet: SPREADSHEET_ID });
  assert.equal(asObject.statusCode, 200, 'the key file may be sent as an object too');
});

test('a key file without what the bridge signs in with is a 400 naming the field, quoting nothing, storing nothing', async () => {
  const before = await api.ports.secrets().get('sheets-bridge/google-credentials');
  const refusals: [object, RegExp][] = [
    [{ credentials: '{not json', spreadsheet: SPREADSHEET_ID }, /this is not JSON/],
    [{ credentials: { ...KEY_FILE, type: 'authorized_user' }, spreadsheet: SPREADSHEET_ID }, /credentials\.type must be "service_account"/],
    [{ credentials: { ...KEY_FILE, client_email: undefined }, spreadsheet: SPREADSHEET_ID }, /credentials\.client_email is missing/],
    [
      { credentials: { ...KEY_FILE, private_key: 'hunter2' }, spreadsheet: SPREADSHEET_ID },
      /credentials\.private_key is missing or not a PEM/,
    ],
    [
      { credentials: { ...KEY_FILE, private_key: PRIVATE_KEY.replace(keyBody, keyBody.slice(0, 20)) }, spreadsheet: SPREADSHEET_ID },
      /credentials\.private_key cannot be read/,
    ],
    [{ credentials: KEY_FILE, spreadsheet: 'my job sheet' }, /spreadsheet must be a Google spreadsheet id/],
    [{ credentials: KEY_FILE }, /spreadsheet/],
    [{ credentials: 42, spreadsheet: SPREADSHEET_ID }, /credentials/],
  ];
  for (const [payload, message] of refusals) {
    const refused = await inject('PUT', payload);
    assert.equal(refused.statusCode, 400, JSON.stringify(payload).slice(0, 80));
    assert.match(refused.json().message + JSON.stringify(refused.json().details), message);
    assert.ok(!refused.body.includes(keyBody.slice(0, 20)) && !refused.body.includes('hunter2'), 'no part of the key is quoted');
  }
  assert.equal(await api.ports.secrets().get('sheets-bridge/google-credentials'), before, 'nothing was stored');
});

test("the sheets bridge's last sync is shown as it recorded it: when, rows written, outcome, why it failed", async () => {
  const failed = {
    spreadsheetId: SPREADSHEET_ID,
    syncedAt: '2026-03-01T11:59:00.000Z',
    outcome: 'failed',
    rowsWritten: 0,
    editsRead: 0,
    error: 'The caller does not have permission',
    lastSucceededAt: '2026-03-01T11:58:00.000Z',
    failuresInRow: 1,
  } as const;
  // What the bridge writes in its own table after a sync (crm-api only reads it).
  await api.ports.tables.put('sheetsState', { key: 'sync#last', ...failed });
  const status = await inject('GET');
  assert.equal(status.statusCode, 200, status.body);
  assert.deepEqual(status.json().lastSync, failed);
});
