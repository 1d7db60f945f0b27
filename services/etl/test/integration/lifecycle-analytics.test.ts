import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createEmbeddedPorts, ManualClock, silentLogger } from '@jobpipe/shared';
import { busEvent, tempDir } from '@jobpipe/test-kit';
import { createEtlHandlers, type EtlService } from '../../src/app.js';
import { readEtlConfig } from '../../src/config.js';
import { readReports } from '../../src/db/reports.js';
import { byKey } from '../fixtures/analytics-state.js';
import { lifecycleEvents, lifecycleJobItems } from '../fixtures/lifecycle-dataset.js';
import { deliver } from '../fixtures/run-etl.js';

const dir = tempDir('jobpipe-etl-lifecycle-');
const clock = new ManualClock(new Date('2026-04-02T12:00:00.000Z'));
const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'etl', { clock });
const configFor = (file: string) =>
  readEtlConfig({ JOBPIPE_DATA_DIR: dir.path, JOBPIPE_ETL_SQLITE_PATH: join(dir.path, file), JOBPIPE_ETL_PAGE_SIZE: '3' });
let incremental: EtlService;
let full: EtlService;

before(async () => {
  await ports.tables.putMany('jobs', lifecycleJobItems());
  incremental = createEtlHandlers(ports, configFor('incremental.sqlite'), silentLogger);
  full = createEtlHandlers(ports, configFor('full.sqlite'), silentLogger);
  assert.deepEqual(
    (await deliver(incremental, lifecycleEvents())).filter((outcome) => outcome !== 'ack'),
    [],
  );
  await deliver(full, [busEvent('etl.requested', { requestId: 'full-1', kind: 'full', requestedAt: clock.now().toISOString() })]);
});
after(async () => {
  await incremental.close();
  await full.close();
  await ports.close();
  dir.remove();
});

/** The lifecycle reports of a service's live store. */
async function lifecycleReports(service: EtlService) {
  const { report_lifecycle_overall, report_time_to_close_by_source, report_time_to_close_by_company, report_ghost_flags } =
    await readReports(await service.warehouse.live());
  return { report_lifecycle_overall, report_time_to_close_by_source, report_time_to_close_by_company, report_ghost_flags };
}

describe('lifecycle analytics', () => {
  for (const [name, service] of [
    ['from events (each twice, out of order)', () => incremental],
    ['from a full rebuild of the jobs table', () => full],
  ] as const) {
    test(`${name}: time to close per source and company, median and p90, a duplicate counted once`, async () => {
      const reports = await lifecycleReports(service());
      assert.deepEqual(byKey(reports.report_time_to_close_by_source, 'source'), {
        // mcf:a closed after 3 days, mcf:b after 10; mcf:c reopened (open); mcf:f duplicates usajobs:e.
        mcf: { source: 'mcf', closed_jobs: 2, median_days: 6.5, p90_days: 10 },
        usajobs: { source: 'usajobs', closed_jobs: 1, median_days: 20, p90_days: 20 },
      });
      assert.deepEqual(byKey(reports.report_time_to_close_by_company, 'company'), {
        Acme: { company: 'Acme', closed_jobs: 2, median_days: 6.5, p90_days: 10 },
        Gamma: { company: 'Gamma', closed_jobs: 1, median_days: 20, p90_days: 20 },
      });
    });

    test(`${name}: shares closed within 7 and 30 days of jobs old enough to know, share flagged of open jobs`, async () => {
      const reports = await lifecycleReports(service());
      assert.deepEqual(reports.report_lifecycle_overall, [
        {
          jobs: 7,
          open_jobs: 4,
          closed_jobs: 3,
          // Horizon 2026-04-01: all but mcf:g (first seen 03-28) are 7 days old; mcf:a closed within them.
          jobs_7d: 6,
          closed_within_7d: 1,
          share_closed_within_7d: 0.1667,
          // First seen by 03-02 00:00: mcf:a, mcf:b, usajobs:e (all closed within 30 days) and usajobs:h (open).
          jobs_30d: 4,
          closed_within_30d: 3,
          share_closed_within_30d: 0.75,
          // mcf:d and mcf:g; mcf:b's flag is on a closed job, mcf:f is a duplicate.
          flagged_jobs: 2,
          share_flagged: 0.5,
        },
      ]);
      // mcf:d's newer set (evergreen only) wins over the older one that arrived after it.
      assert.deepEqual(byKey(reports.report_ghost_flags, 'kind'), {
        'evergreen-no-salary': { kind: 'evergreen-no-salary', jobs: 1, share: 0.25 },
        'reposted-while-open': { kind: 'reposted-while-open', jobs: 1, share: 0.25 },
      });
    });
  }

  test('a job closed again after it reopened is closed, timed from its first sighting; a stale reopening changes nothing', async () => {
    const closedAgain = {
      jobId: 'mcf:c',
      closedAt: '2026-03-12T12:00:00.000Z',
      closeReason: 'missing-from-complete-reads' as const,
      firstSeenAt: '2026-03-02T12:00:00.000Z',
      lastSeenAt: '2026-03-10T00:00:00.000Z',
    };
    const staleReopening = {
      jobId: 'mcf:c',
      reopenedAt: '2026-03-05T00:00:00.000Z',
      closedAt: '2026-03-03T12:00:00.000Z',
      previousCloseReason: 'missing-from-complete-reads' as const,
      searchId: 'platform',
      runId: 'run-5',
    };
    await deliver(incremental, [busEvent('job.closed', closedAgain), busEvent('job.reopened', staleReopening)]);
    const reports = await lifecycleReports(incremental);
    assert.deepEqual(byKey(reports.report_time_to_close_by_source, 'source').mcf, {
      source: 'mcf',
      closed_jobs: 3,
      median_days: 10,
      p90_days: 10,
    });
    assert.equal(reports.report_lifecycle_overall[0]!.closed_jobs, 4);
  });

  test('a close without a readable time is dead-lettered with its reason', async () => {
    const [outcome] = await deliver(incremental, [busEvent('job.flagged', { jobId: 'mcf:a', flaggedAt: 'not a time', flags: [] })]);
    assert.match(outcome!, /^(dead-letter|dlq|reject)[^:]*: .*(flaggedAt|readable time)/i);
  });
});
