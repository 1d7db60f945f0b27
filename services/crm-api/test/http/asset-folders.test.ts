import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { assetFolders } from '../../src/http/asset-folders.js';

test('run from source, the assets are found in their package folders', () => {
  const folders = assetFolders();
  assert.ok(existsSync(join(folders.dashboard, 'index.html')));
  assert.ok(existsSync(join(folders.chartJs, 'chart.umd.min.js')));
  assert.equal(folders.swaggerUi, undefined);
});

test('in the Lambda bundle, the assets are the ones copied beside it (dashboard/ with Chart.js, static/)', () => {
  const bundleDir = mkdtempSync(join(tmpdir(), 'crm-api-bundle-'));
  try {
    mkdirSync(join(bundleDir, 'dashboard'));
    writeFileSync(join(bundleDir, 'dashboard', 'chart.umd.min.js'), '');
    assert.deepEqual(assetFolders(bundleDir), {
      dashboard: join(bundleDir, 'dashboard'),
      chartJs: join(bundleDir, 'dashboard'),
      cockpit: join(bundleDir, 'cockpit'),
      swaggerUi: join(bundleDir, 'static'),
    });
  } finally {
    rmSync(bundleDir, { recursive: true, force: true });
  }
});
