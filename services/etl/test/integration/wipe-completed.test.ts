/**
 * The analytics follow a wipe: when the parser announces its jobs deleted, etl rebuilds from what is
 * left (a postings wipe keeps the CRM, so only its stages remain) and publishes the snapshot; an owner
 * whose tables the analytics are not built from changes nothing.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { EventDataMap } from '@jobpipe/contracts';
import { collect, createEmbeddedPorts, deleteItems, ManualClock, silentLogger } from '@jobpipe/shared';
import { busEvent, tempDir } from '@jobpipe/test-kit';
import { createEtlHandlers } from '../../src/app.js';
import { readEtlConfig } from '../../src/config.js';
import { datasetEvents, seedTables } from '../fixtures/analytics-dataset.js';
import { analyticsState } from '../fixtures/analytics-state.js';
import { deliver, RecordingPublisher } from '../fixtures/run-etl.js';

const dir = tempDir('jobpipe-etl-wipe-');
const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'etl', {
  clock: new ManualClock(new Date('2026-03-20T12:00:00.000Z')),
});
const etl = createEtlHandlers(
  ports,
  readEtlConfig({ JOBPIPE_DATA_DIR: dir.path, JOBPIPE_ETL_SQLITE_PATH: join(dir.path, 'analytics.sqlite') }),
  silentLogger,
);
after(async () => {
  await etl.close();
  await ports.close();
  dir.remove();
});

const wiped = (service: string): EventDataMap['wipe.completed'] => ({
  wipeId: '0b7d5e2a-8c41-4f36-a9e0-2d6c1b9f7e54',
  scope: 'postings',
  service,
  removed: { jobs: 6 },
  completedAt: '2026-03-20T12:00:00.000Z',
});

test("after the parser's wipe.completed the analytics hold no posting, only the CRM's stages, and a snapshot names the wipe", async () => {
  await seedTables(ports.tables);
  assert.deepEqual(
    (await deliver(etl, datasetEvents())).filter((outcome) => outcome !== 'ack'),
    [],
  );
  assert.ok((await analyticsState(await etl.warehouse.live())).fact_jobs!.length > 0);

  const publisher = new RecordingPublisher();
  await deliver(etl, [busEvent('wipe.completed', wiped('scraper'), 'scraper')], publisher);
  assert.equal(publisher.published.length, 0, "the scraper's tables are not the analytics' source");
  assert.ok((await analyticsState(await etl.warehouse.live())).fact_jobs!.length > 0);

  await deleteItems(ports.tables, 'jobs');
  await deleteItems(ports.tables, 'scores');
  await deliver(etl, [busEvent('wipe.completed', wiped('parser'), 'parser')], publisher);
  const facts = (await analyticsState(await etl.warehouse.live())).fact_jobs!;
  const staged = new Set((await collect(ports.tables.scanAll('crm'))).map((item) => item.jobId));
  assert.deepEqual(facts.map((fact) => fact.job_id).sort(), [...staged].sort());
  for (const fact of facts) assert.deepEqual([fact.title, fact.content_hash, fact.score], [null, null, null], String(fact.job_id));
  const [completed] = publisher.published;
  assert.equal(completed?.detailType, 'etl.completed');
  assert.equal((completed.data as EventDataMap['etl.completed']).requestId, 'wipe-0b7d5e2a-8c41-4f36-a9e0-2d6c1b9f7e54-parser');
});
