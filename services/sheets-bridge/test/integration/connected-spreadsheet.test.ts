import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { SETTING_SECRET_NAMES, USER_SECRET_NAMES } from '@jobpipe/contracts';
import { createEmbeddedPorts, silentLogger } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import { createSheetsBridgeHandlers } from '../../src/app.js';
import { readSheetsBridgeConfig } from '../../src/config.js';
import { localHarness } from '../fixtures/sheet-harness.js';

const dir = tempDir('jobpipe-sheets-connected-');
const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: 'a test passphrase of length' }, 'sheets-bridge');
after(async () => {
  await ports.close();
  dir.remove();
});

test('with no JOBPIPE_SHEETS_SPREADSHEET_ID the bridge keeps the spreadsheet stored by `jobpipe sheets connect` in step', async () => {
  const harness = await localHarness();
  try {
    const config = readSheetsBridgeConfig({
      JOBPIPE_DATA_DIR: dir.path,
      JOBPIPE_SHEETS_ROOT_URL: harness.rootUrl!,
      JOBPIPE_SHEETS_FLUSH_MS: '5',
    });
    const off = await createSheetsBridgeHandlers(ports, config, silentLogger);
    assert.equal(off.sync, undefined, 'nothing connected: the bridge is off');

    await ports.secrets().put(USER_SECRET_NAMES.sheetsCredentials, harness.credentialsJson);
    await ports.secrets().put(SETTING_SECRET_NAMES.sheetsSpreadsheetId, harness.spreadsheetId);
    const on = await createSheetsBridgeHandlers(ports, config, silentLogger);
    assert.ok(on.sync, 'the stored spreadsheet is used');
    await on.sync.cycle([{ jobId: 'mcf:7', changedAt: '2026-03-10T12:00:00.000Z', score: 71, title: 'Data Engineer' }]);
    assert.deepEqual(
      (await harness.cells()).slice(1).map((row) => row.slice(0, 4)),
      [['mcf:7', 'Data Engineer', '', 71]],
    );
    await on.stop();
  } finally {
    await harness.stop();
  }
});
