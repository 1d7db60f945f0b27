import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { JobpipeConfig } from '@jobpipe/contracts';
import { buildCrmApi, createApiKey, createCrmApiContext } from '@jobpipe/crm-api';
import { createEmbeddedPorts, silentLogger, systemClock } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import type { FastifyInstance } from 'fastify';
import { SeedRecord } from '../../src/config/config-seed.js';
import { CrmApiClient } from '../../src/stack/api-client.js';
import { seedConfigFromFile } from '../../src/stack/config-seeding.js';
import { EmbeddedScheduler } from '../../src/stack/scheduler.js';
import { StoredConfigFollower } from '../../src/stack/stored-config-follower.js';

const dir = tempDir('jobpipe-config-seed-');
const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'crm-api');
const context = createCrmApiContext(ports, { dataDir: dir.path, rateLimitPerMinute: 10_000, insightsCacheSeconds: 0 }, silentLogger);
let app: FastifyInstance;
let api: CrmApiClient;
const record = new SeedRecord(join(dir.path, 'config-seed.json'));

before(async () => {
  app = await buildCrmApi(context);
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  api = new CrmApiClient(origin, (await createApiKey(ports.tables, systemClock, { name: 'test' })).key);
});
after(async () => {
  await app.close();
  await context.close();
  await ports.close();
  dir.remove();
});

const fileConfig = (keywords: string): JobpipeConfig => ({
  tracks: [{ name: 'data', titleKeywords: [{ term: 'data engineer', weight: 30 }], bodyKeywords: [] }],
  searches: [{ id: 'mcf-data', source: 'mcf', keywords, schedule: '0 7 * * *' }],
});
const storedConfig = () => api.request<{ version: number; config: JobpipeConfig }>('GET', '/config');

test('the config file seeds an empty store, then a change made through the API survives every restart until the file changes', async () => {
  const first = await seedConfigFromFile(api, fileConfig('data'), record);
  assert.equal(first.version, 1);
  assert.deepEqual((await storedConfig()).config, fileConfig('data'));

  const edited = { ...fileConfig('data'), searches: [{ id: 'mcf-data', source: 'mcf', keywords: 'analytics', schedule: '30 8 * * *' }] };
  await api.request('PUT', '/config', { config: edited });
  const restarted = await seedConfigFromFile(api, fileConfig('data'), record);
  assert.deepEqual(restarted.config, edited, 'the stack runs with what the user saved');
  assert.deepEqual((await storedConfig()).config, edited, 'an unchanged file does not overwrite the stored config');
  assert.equal((await storedConfig()).version, 2);

  const fileEdited = await seedConfigFromFile(api, fileConfig('platform'), record);
  assert.deepEqual(fileEdited.config, fileConfig('platform'), 'an edited file is seeded');
  assert.deepEqual((await storedConfig()).config, fileConfig('platform'));
  assert.equal((await storedConfig()).version, 3);
});

test('the scheduler follows the stored config: a search retimed, added or removed through the API is rescheduled', async () => {
  const scheduler = new EmbeddedScheduler(ports.publisher, silentLogger);
  const stored = await seedConfigFromFile(api, fileConfig('platform'), record);
  scheduler.start(stored.config);
  const follower = new StoredConfigFollower(api, stored, (config) => scheduler.follow(config), silentLogger);
  try {
    assert.deepEqual(scheduler.scheduledSearches(), [{ id: 'mcf-data', cron: '0 7 * * *' }]);
    assert.equal(await follower.check(), false, 'nothing changed');
    await api.request('PUT', '/config', {
      config: {
        ...stored.config,
        searches: [
          { id: 'mcf-data', source: 'mcf', keywords: 'platform', schedule: '15 6 * * 1-5' },
          { id: 'lever-boards', source: 'lever', boards: ['northwind'] },
        ],
      },
    });
    assert.equal(await follower.check(), true);
    assert.deepEqual(scheduler.scheduledSearches(), [
      { id: 'mcf-data', cron: '15 6 * * 1-5' },
      { id: 'lever-boards', cron: '0 6 * * *' },
    ]);
  } finally {
    follower.stop();
    scheduler.stop();
  }
});
