import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '@jobpipe/test-kit';
import { createEmbeddedPorts } from '../../src/embedded/embedded-ports.js';
import { EncryptedSecretStore } from '../../src/embedded/encrypted-secret-store.js';
import { ConfigError } from '../../src/errors.js';

const dir = tempDir('jobpipe-secrets-');
after(() => dir.remove());
const KEY = 'correct horse battery staple';
const COOKIE = 'JSESSIONID=s3cr3t-cookie-value-7f2a91; Path=/; HttpOnly';

/** Every byte of the store's files (main file, WAL and shared memory). */
function storeBytes(path: string): Buffer {
  const folder = join(path, '..');
  const name = path.split('/').pop()!;
  return Buffer.concat(
    readdirSync(folder)
      .filter((file) => file.startsWith(name))
      .map((file) => readFileSync(join(folder, file))),
  );
}

test('a secret round-trips; missing and deleted secrets are undefined', async () => {
  const store = new EncryptedSecretStore(join(dir.path, 'roundtrip.sqlite'), KEY);
  await store.put('session/mcf', COOKIE);
  await store.put('password/usajobs', 'pässwörd ✓');
  assert.equal(await store.get('session/mcf'), COOKIE);
  assert.equal(await store.get('password/usajobs'), 'pässwörd ✓');
  await store.put('session/mcf', 'newer');
  assert.equal(await store.get('session/mcf'), 'newer');
  assert.equal(await store.get('session/lever'), undefined);
  await store.delete('session/mcf');
  assert.equal(await store.get('session/mcf'), undefined);
  store.close();
});

test('another process with the same key reads the secret from the file', async () => {
  const path = join(dir.path, 'shared.sqlite');
  const writer = new EncryptedSecretStore(path, KEY);
  await writer.put('session/mcf', COOKIE);
  writer.close();
  const reader = new EncryptedSecretStore(path, KEY);
  assert.equal(await reader.get('session/mcf'), COOKIE);
  reader.close();
});

test('the wrong key fails with a clear error that does not leak the secret', async () => {
  const path = join(dir.path, 'wrong-key.sqlite');
  const writer = new EncryptedSecretStore(path, KEY);
  await writer.put('session/mcf', COOKIE);
  writer.close();
  const reader = new EncryptedSecretStore(path, 'a different passphrase entirely');
  await assert.rejects(reader.get('session/mcf'), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.match(error.message, /secret 'session\/mcf' cannot be decrypted: JOBPIPE_SECRET_KEY differs/);
    assert.ok(!error.message.includes('s3cr3t'));
    return true;
  });
  reader.close();
});

test('the files never contain the plaintext, open or closed', async () => {
  const path = join(dir.path, 'at-rest.sqlite');
  const store = new EncryptedSecretStore(path, KEY);
  await store.put('session/mcf', COOKIE);
  assert.equal(storeBytes(path).includes('s3cr3t-cookie-value'), false, 'not in the file or its WAL while open');
  store.close();
  assert.equal(storeBytes(path).includes('s3cr3t-cookie-value'), false, 'not in the file after close');
  assert.equal(storeBytes(path).includes(KEY), false, 'the passphrase is not stored either');
});

test('a short passphrase and a missing key are configuration errors', () => {
  assert.throws(() => new EncryptedSecretStore(join(dir.path, 'short.sqlite'), 'tooshort'), /at least 16 characters/);
  const ports = createEmbeddedPorts({ dataDir: join(dir.path, 'no-key'), secretKey: undefined }, 'auth-refresher');
  assert.throws(
    () => ports.secrets(),
    (error: unknown) => error instanceof ConfigError && /JOBPIPE_SECRET_KEY is not set/.test(error.message),
  );
  return ports.close();
});
