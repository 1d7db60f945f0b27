import assert from 'node:assert/strict';
import { test } from 'node:test';
import { silentLogger } from '@jobpipe/shared';
import { startChromium } from '@jobpipe/shared/browser';
import { BrowserHolder } from '../../src/index.js';

test('reuses one browser across uses and starts a new one after it crashed', async () => {
  let started = 0;
  const holder = new BrowserHolder(() => {
    started += 1;
    return startChromium();
  }, silentLogger);
  try {
    const first = await holder.driver();
    assert.equal(await holder.driver(), first, 'the same browser is reused');
    await first.quit(); // what a crashed browser looks like to the worker
    const second = await holder.driver();
    assert.notEqual(second, first);
    await second.get('data:text/html,<title>alive</title>');
    assert.equal(await second.getTitle(), 'alive');
    assert.equal(started, 2);
  } finally {
    await holder.close();
  }
});
