import assert from 'node:assert/strict';
import { test } from 'node:test';
import { silentLogger } from '@jobpipe/shared';
import type { WebDriver } from 'selenium-webdriver';
import { BrowserHolder } from '../../src/index.js';

test('a site whose host the running browser may not resolve gets a new browser that may; known hosts reuse it', async () => {
  const started: (readonly string[])[] = [];
  let quit = 0;
  const holder = new BrowserHolder(async (allowHosts) => {
    started.push(allowHosts);
    const quitOnce = async () => {
      quit += 1;
    };
    return { getCurrentUrl: async () => 'about:blank', quit: quitOnce } as unknown as WebDriver;
  }, silentLogger);
  const first = await holder.driver('jobs.example.org');
  assert.equal(await holder.driver('jobs.example.org'), first);
  const second = await holder.driver('careers.acme.example');
  assert.notEqual(second, first);
  assert.equal(quit, 1, 'the old browser was quit');
  assert.deepEqual(started, [['jobs.example.org'], ['jobs.example.org', 'careers.acme.example']]);
  assert.equal(await holder.driver('jobs.example.org'), second);
  await holder.close();
});
