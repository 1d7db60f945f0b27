import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { SETTING_SECRET_NAMES, USER_SECRET_NAMES } from '@jobpipe/contracts';
import { createEmbeddedPorts, ManualClock, silentLogger } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import { createSheetsBridgeHandlers } from '../../src/app.js';
import { readSheetsBridgeConfig } from '../../src/config.js';
import type { RowUpdate } from '../../src/domain/row-updates.js';
import { localHarness } from '../fixtures/sheet-harness.js';

const dir = tempDir('jobpipe-sheets-connected-');
const clock = new ManualClock(new Date('2026-03-10T12:00:00.000Z'));
const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: 'a test passphrase of length' }, 'sheets-bridge', { clock });
after(async () => {
  await ports.close();
  dir.remove();
});

const scored = (id: number, title: string): RowUpdate => ({ jobId: `mcf:${id}`, changedAt: '2026-03-10T11:00:00.000Z', score: 71, title });
const lastSync = () => ports.tables.get('sheetsState', { key: 'sync#last' });

test('a running bridge picks up the spreadsheet `jobpipe sheets connect` stores at its next sync, without a restart, and records each sync', async () => {
  const harness = await localHarness();
  try {
    const config = readSheetsBridgeConfig({
      JOBPIPE_DATA_DIR: dir.path,
      JOBPIPE_SHEETS_ROOT_URL: harness.rootUrl!,
      JOBPIPE_SHEETS_FLUSH_MS: '5',
      JOBPIPE_SHEETS_BACKOFF_MS: '10',
      JOBPIPE_SHEETS_CONNECTION_CACHE_SECONDS: '30',
    });
    const bridge = createSheetsBridgeHandlers(ports, config, silentLogger);
    assert.equal(await bridge.sync.cycle([scored(6, 'Analyst')]), undefined, 'nothing connected: nothing synced');
    assert.equal(await lastSync(), undefined, 'and nothing recorded');

    // Connected with a token the Sheets server refuses: the sync fails, and says why.
    await ports.secrets().put(USER_SECRET_NAMES.sheetsCredentials, JSON.stringify({ access_token: 'ya29.a-token-the-server-refuses' }));
    await ports.secrets().put(SETTING_SECRET_NAMES.sheetsSpreadsheetId, harness.spreadsheetId);
    assert.equal(await bridge.sync.cycle([scored(6, 'Analyst')]), undefined, 'within the cache time the last read still holds');
    clock.advance(30_000);
    await assert.rejects(bridge.sync.cycle([scored(6, 'Analyst')]));
    const failed = await lastSync();
    assert.equal(failed?.outcome, 'failed');
    assert.equal(failed?.spreadsheetId, harness.spreadsheetId);
    assert.equal(failed?.syncedAt, '2026-03-10T12:00:30.000Z');
    assert.equal(failed?.failuresInRow, 1);
    assert.equal(failed?.lastSucceededAt, null);
    assert.ok(failed?.error && failed.error.length > 0, 'a reason in words');
    assert.ok(!JSON.stringify(failed).includes('ya29.a-token'), 'never the token');

    // The right credentials, stored while the bridge runs: the next sync after the cache time uses them.
    await ports.secrets().put(USER_SECRET_NAMES.sheetsCredentials, harness.credentialsJson);
    clock.advance(30_000);
    const plan = await bridge.sync.cycle([scored(7, 'Data Engineer'), scored(8, 'Platform Engineer')]);
    assert.equal(plan?.appends.length, 2);
    assert.deepEqual(
      (await harness.cells()).slice(1).map((row) => row.slice(0, 2)),
      [
        ['mcf:7', 'Data Engineer'],
        ['mcf:8', 'Platform Engineer'],
      ],
    );
    assert.deepEqual(await lastSync(), {
      key: 'sync#last',
      spreadsheetId: harness.spreadsheetId,
      syncedAt: '2026-03-10T12:01:00.000Z',
      outcome: 'ok',
      rowsWritten: 2,
      editsRead: 0,
      error: null,
      lastSucceededAt: '2026-03-10T12:01:00.000Z',
      failuresInRow: 0,
    });
    await bridge.stop();
  } finally {
    await harness.stop();
  }
});
