import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEmbeddedPorts, ManualClock } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import { createApiKey, recordApiKeyUse, revokeApiKey } from '../../src/adapters/api-keys.js';

/** Runs `work` over crm-api's tables in a temp folder, at a manual clock. */
async function withTables(work: (ports: ReturnType<typeof createEmbeddedPorts>, clock: ManualClock) => Promise<void>): Promise<void> {
  const dir = tempDir('api-keys-');
  const clock = new ManualClock(new Date('2026-03-01T12:00:00.000Z'));
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'crm-api', { clock });
  try {
    await work(ports, clock);
  } finally {
    await ports.close();
    dir.remove();
  }
}

test('a use recorded from a record read before a revocation does not write the revocation away', () =>
  withTables(async (ports, clock) => {
    const { record } = await createApiKey(ports.tables, clock, { name: 'laptop' });
    const readByVerifier = (await ports.tables.get('apiKeys', { keyHash: record.keyHash }))!;
    clock.advance(1000);
    await revokeApiKey(ports.tables, clock, record.keyId);
    await recordApiKeyUse(ports.tables, readByVerifier, clock.now());
    const stored = await ports.tables.get('apiKeys', { keyHash: record.keyHash });
    assert.equal(stored?.revokedAt, '2026-03-01T12:00:01.000Z');
    assert.equal(stored?.lastUsedAt, undefined);
  }));

test('a revocation read before a use is retried over the used record', () =>
  withTables(async (ports, clock) => {
    const { record } = await createApiKey(ports.tables, clock, { name: 'laptop' });
    await recordApiKeyUse(ports.tables, record, new Date('2026-03-01T12:05:00.000Z'));
    const revoked = await revokeApiKey(ports.tables, clock, record.keyId);
    assert.equal(revoked?.lastUsedAt, '2026-03-01T12:05:00.000Z');
    const stored = await ports.tables.get('apiKeys', { keyHash: record.keyHash });
    assert.deepEqual([stored?.revokedAt, stored?.lastUsedAt], ['2026-03-01T12:00:00.000Z', '2026-03-01T12:05:00.000Z']);
  }));
