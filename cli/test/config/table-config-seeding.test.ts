import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { JobpipeConfig } from '@jobpipe/contracts';
import { createEmbeddedPorts } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import { SeedRecord } from '../../src/config/config-seed.js';
import { seedConfigTable } from '../../src/config/table-config-seeding.js';

const fileConfig: JobpipeConfig = { tracks: [], searches: [{ id: 'de-sg', source: 'mcf', keywords: 'data engineer' }] };

test('run --once seeds the file only into an empty store or when the file changed: a config changed through the API survives', async (t) => {
  const dir = tempDir('jobpipe-seed-');
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'scheduler');
  t.after(async () => {
    await ports.close();
    dir.remove();
  });
  const record = new SeedRecord(join(dir.path, 'config-seed.json'));
  const stored = () => ports.tables.get<{ version: number; config: JobpipeConfig }>('config', { key: 'current' });

  assert.equal((await seedConfigTable(ports, fileConfig, record)).seeded, true, 'an empty store is seeded');
  assert.equal((await stored())?.version, 1);

  // The user changes the config through the API (crm-api writes version 2).
  const apiConfig: JobpipeConfig = { ...fileConfig, searches: [{ id: 'de-sg', source: 'mcf', keywords: 'analytics engineer' }] };
  await ports.tables.put('config', { key: 'current', version: 2, updatedAt: new Date().toISOString(), config: apiConfig });
  const again = await seedConfigTable(ports, fileConfig, record);
  assert.equal(again.seeded, false, 'the same file again seeds nothing');
  assert.deepEqual(again.config, apiConfig, 'the pass runs the stored config');
  assert.deepEqual((await stored())?.config, apiConfig, "the user's change stays");

  const editedFile: JobpipeConfig = { ...fileConfig, searches: [...fileConfig.searches, { id: 'ml-sg', source: 'mcf', keywords: 'ml' }] };
  assert.equal((await seedConfigTable(ports, editedFile, record)).seeded, true, 'an edited file is seeded');
  assert.deepEqual((await stored())?.config, editedFile);
  assert.equal((await stored())?.version, 3);
  const changed = ports.bus.publishedEvents('config.changed').map((entry) => JSON.parse(entry.body).detail.data.version);
  assert.deepEqual(changed, [1, 3], 'each seed announced once');
});
