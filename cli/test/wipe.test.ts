import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { BusEvent } from '@jobpipe/contracts';
import { createEmbeddedPorts } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import { runJobpipeAsync } from './support/cli-process.js';

const dir = tempDir('jobpipe-cli-wipe-');
after(() => dir.remove());
const jobpipe = (...args: string[]) => runJobpipeAsync(dir.path, ...args);

/** The wipe requests waiting in a queue. */
async function wipeRequestsIn(queue: 'parser' | 'scraper'): Promise<BusEvent<'wipe.requested'>[]> {
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, queue);
  try {
    const messages = await ports.consumer(queue).receive(10, 1000);
    return messages.map((message) => JSON.parse(message.body) as BusEvent<'wipe.requested'>);
  } finally {
    await ports.close();
  }
}

test('jobpipe wipe refuses an unknown scope, and without a terminal refuses to wipe unless --yes is given', async () => {
  const unknown = await jobpipe('wipe', '--scope', 'config', '--yes');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--scope 'config' is no wipe scope \(postings or all\)/);
  const unconfirmed = await jobpipe('wipe', '--scope', 'all');
  assert.equal(unconfirmed.code, 2);
  assert.match(unconfirmed.stderr, /needs --yes when no terminal is attached/);
  assert.deepEqual(await wipeRequestsIn('parser'), []);
});

test('jobpipe wipe --scope postings --yes asks every owner through its queue', async () => {
  const { code, stdout } = await jobpipe('wipe', '--scope', 'postings', '--yes');
  assert.equal(code, 0, stdout);
  const wipeId = /\(wipe ([0-9a-f-]{36})\)/.exec(stdout)?.[1];
  for (const queue of ['parser', 'scraper'] as const) {
    const [event] = await wipeRequestsIn(queue);
    assert.equal(event?.['detail-type'], 'wipe.requested', queue);
    assert.deepEqual(
      { ...event.detail.data, requestedAt: undefined },
      { wipeId, scope: 'postings', requestedAt: undefined, requestedBy: 'cli' },
    );
  }
});
