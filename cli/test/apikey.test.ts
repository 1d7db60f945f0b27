import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { collect, createEmbeddedPorts } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import { runJobpipe } from './support/cli-process.js';

const dir = tempDir('jobpipe-cli-apikey-');
after(() => dir.remove());

test('jobpipe apikey create prints the key once; list shows when each key was last used, never the key; revoke marks it', async () => {
  const created = runJobpipe(dir.path, 'apikey', 'create', '--name', 'laptop', '--read-only');
  assert.equal(created.code, 0, created.stderr);
  const key = created.stdout.trim();
  assert.match(key, /^jp_([A-Za-z0-9]{12})_/);
  const keyId = key.slice(3, 15);

  const unused = runJobpipe(dir.path, 'apikey', 'list');
  assert.match(unused.stdout, new RegExp(`^${keyId}  read   \\S+  used never  active  laptop$`, 'm'));
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'crm-api');
  try {
    const [record] = await collect(ports.tables.scanAll('apiKeys'));
    await ports.tables.put('apiKeys', { ...record!, lastUsedAt: '2026-03-01T12:00:00.000Z', revision: 1 });
  } finally {
    await ports.close();
  }
  const used = runJobpipe(dir.path, 'apikey', 'list');
  assert.match(used.stdout, new RegExp(`^${keyId}  read   \\S+  used 2026-03-01T12:00:00.000Z  active  laptop$`, 'm'));
  assert.ok(!used.stdout.includes(key.slice(16)), 'the key is never listed');

  const revoked = runJobpipe(dir.path, 'apikey', 'revoke', keyId);
  assert.equal(revoked.code, 0, revoked.stderr);
  assert.match(runJobpipe(dir.path, 'apikey', 'list').stdout, new RegExp(`^${keyId} .* revoked \\S+  laptop$`, 'm'));
  const unknown = runJobpipe(dir.path, 'apikey', 'revoke', 'nosuchkey123');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /no API key with id 'nosuchkey123'/);
});
