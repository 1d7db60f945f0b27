import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startChromium } from '../../src/browser/chromium-driver.js';
import { ConfigError } from '../../src/errors.js';

test('a missing browser is a one-line configuration error naming the package, not a driver crash', async () => {
  await assert.rejects(startChromium({ browserPath: '/nonexistent/chromium' }), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.equal(
      error.message,
      "no Chromium at /nonexistent/chromium: install Debian's chromium package (apt-get install chromium chromium-driver)",
    );
    return true;
  });
});

test('a missing driver is named the same way', async () => {
  await assert.rejects(
    startChromium({ browserPath: process.execPath, driverPath: '/nonexistent/chromedriver' }),
    /^ConfigError: no ChromeDriver at \/nonexistent\/chromedriver: install Debian's chromium-driver package/,
  );
});
