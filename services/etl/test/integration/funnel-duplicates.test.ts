import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { EventDataMap } from '@jobpipe/contracts';
import { createEmbeddedPorts, silentLogger } from '@jobpipe/shared';
import { busEvent, tempDir } from '@jobpipe/test-kit';
import { createEtlHandlers } from '../../src/app.js';
import { readEtlConfig } from '../../src/config.js';
import { readReports } from '../../src/db/reports.js';
import { byKey } from '../fixtures/analytics-state.js';
import { lifecycleEvents } from '../fixtures/lifecycle-dataset.js';
import { deliver } from '../fixtures/run-etl.js';

const dir = tempDir('jobpipe-etl-funnel-');
const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'etl', {});
const service = createEtlHandlers(
  ports,
  readEtlConfig({ JOBPIPE_DATA_DIR: dir.path, JOBPIPE_ETL_SQLITE_PATH: join(dir.path, 'analytics.sqlite') }),
  silentLogger,
);
after(async () => {
  await service.close();
  await ports.close();
  dir.remove();
});

type Change = EventDataMap['crm.stage-changed'];
const move = (jobId: string, from: Change['from'], to: Change['to'], changedAt: string): Change => ({
  jobId,
  from,
  to,
  closedReason: null,
  changedAt,
  changedBy: 'user',
});

test('the funnel counts a job moved out of new as having been in new, and a job and its duplicate once even when the user moved both copies', async () => {
  // The postings of the lifecycle dataset: mcf:f is linked to usajobs:e as its duplicate.
  const parsed = lifecycleEvents().filter((event) => event['detail-type'] === 'job.parsed');
  const changes = [
    move('usajobs:e', 'new', 'shortlisted', '2026-03-03T00:00:00.000Z'),
    move('mcf:f', 'new', 'shortlisted', '2026-03-03T01:00:00.000Z'),
    move('usajobs:e', 'shortlisted', 'applied', '2026-03-04T00:00:00.000Z'),
  ];
  const outcomes = await deliver(service, [...parsed, ...changes.map((change) => busEvent('crm.stage-changed', change, 'crm-api'))]);
  assert.deepEqual(
    outcomes.filter((outcome) => outcome !== 'ack'),
    [],
  );
  const funnel = byKey((await readReports(await service.warehouse.live())).report_funnel, 'stage');
  // Seven canonical postings in all (mcf:f is a copy), usajobs:e among them though its first move was from 'new';
  // it went on to shortlisted, then applied.
  assert.deepEqual(
    { jobs: funnel.new!.jobs, advanced: funnel.new!.advanced, conversion: funnel.new!.conversion_rate },
    { jobs: 7, advanced: 1, conversion: 0.1429 },
  );
  assert.deepEqual(
    { jobs: funnel.shortlisted!.jobs, advanced: funnel.shortlisted!.advanced, conversion: funnel.shortlisted!.conversion_rate },
    { jobs: 1, advanced: 1, conversion: 1 },
  );
  assert.equal(funnel.applied!.jobs, 1);
});
