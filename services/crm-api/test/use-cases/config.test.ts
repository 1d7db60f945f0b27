import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONFIG_SECTIONS, type JobpipeConfig } from '@jobpipe/contracts';
import { createEmbeddedPorts, ManualClock } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import { commitConfig, currentConfig } from '../../src/use-cases/config.js';

const first: JobpipeConfig = { tracks: [], searches: [{ id: 'de-sg', source: 'mcf', keywords: 'data engineer' }] };
const second: JobpipeConfig = { ...first, scoring: { notifyThreshold: 80 } };

test('commitConfig writes the next version with config.changed, nothing when unchanged, nothing over a newer version', async (t) => {
  const dir = tempDir('crm-api-config-');
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'crm-api', {
    clock: new ManualClock(new Date('2026-03-01T12:00:00.000Z')),
  });
  t.after(async () => {
    await ports.close();
    dir.remove();
  });
  const announced = () => ports.bus.publishedEvents('config.changed').map((entry) => JSON.parse(entry.body).detail.data);

  const empty = await currentConfig(ports);
  assert.deepEqual(await commitConfig(ports, empty, first), { outcome: 'saved', version: 1, changed: [...CONFIG_SECTIONS] });
  assert.deepEqual(announced()[0]?.sections, [...CONFIG_SECTIONS], 'over an empty store every section is new');

  const v1 = await currentConfig(ports);
  assert.deepEqual(await commitConfig(ports, v1, first), { outcome: 'unchanged', version: 1, changed: [] });

  assert.deepEqual(await commitConfig(ports, v1, second), { outcome: 'saved', version: 2, changed: ['scoring'] });
  // A writer that read version 1 loses to the one that wrote version 2: nothing written, nothing announced.
  assert.deepEqual(await commitConfig(ports, v1, { ...first, scoring: { notifyThreshold: 60 } }), { outcome: 'conflict' });
  assert.deepEqual((await currentConfig(ports)).config, second);
  assert.deepEqual(
    announced().map((data) => [data.version, data.sections.includes('scoring')]),
    [
      [1, true],
      [2, true],
    ],
  );
});
