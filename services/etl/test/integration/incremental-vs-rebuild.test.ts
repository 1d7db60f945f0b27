import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createEmbeddedPorts, ManualClock } from '@jobpipe/shared';
import { busEvent, tempDir } from '@jobpipe/test-kit';
import { createEtlHandlers, type EtlService } from '../../src/app.js';
import { readEtlConfig } from '../../src/config.js';
import { openSqliteAnalytics } from '../../src/db/connections.js';
import { readReports } from '../../src/db/reports.js';
import { datasetEvents, seedTables } from '../fixtures/analytics-dataset.js';
import { analyticsState, byKey } from '../fixtures/analytics-state.js';
import { deliver, RecordingPublisher } from '../fixtures/run-etl.js';

const dir = tempDir('jobpipe-etl-');
const clock = new ManualClock(new Date('2026-03-20T12:00:00.000Z'));
const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'etl', { clock });
const configFor = (file: string) =>
  readEtlConfig({ JOBPIPE_DATA_DIR: dir.path, JOBPIPE_ETL_SQLITE_PATH: join(dir.path, file), JOBPIPE_ETL_PAGE_SIZE: '2' });
let incremental: EtlService;
let full: EtlService;
const fullPublisher = new RecordingPublisher();

before(async () => {
  await seedTables(ports.tables);
  incremental = createEtlHandlers(ports, configFor('incremental.sqlite'), silent());
  full = createEtlHandlers(ports, configFor('analytics.sqlite'), silent());
});
after(async () => {
  await incremental.close();
  await full.close();
  await ports.close();
  dir.remove();
});

function silent() {
  return { debug() {}, info() {}, warn() {}, error() {}, child: silent };
}

describe('etl on SQLite', () => {
  test('events applied incrementally (duplicated, out of order) and a full rebuild give identical analytics', async () => {
    const outcomes = await deliver(incremental, datasetEvents());
    assert.deepEqual(
      outcomes.filter((outcome) => outcome !== 'ack'),
      [],
    );
    await deliver(incremental, [
      busEvent('etl.requested', { requestId: 'inc-1', kind: 'incremental', requestedAt: clock.now().toISOString() }),
    ]);
    await deliver(
      full,
      [busEvent('etl.requested', { requestId: 'full-1', kind: 'full', requestedAt: clock.now().toISOString() })],
      fullPublisher,
    );

    const incrementalState = await analyticsState(await incremental.warehouse.live());
    const fullState = await analyticsState(await full.warehouse.live());
    assert.deepEqual(incrementalState, fullState);
    assert.equal(fullState.fact_jobs!.length, 6);
  });

  test('reports hold the values worked out by hand', async () => {
    const state = await analyticsState(await full.warehouse.live());
    const skills = byKey(state.report_skills_by_demand!, 'skill');
    assert.equal(skills.sql?.jobs, 4, 'the duplicate posting is not counted twice');
    assert.equal(skills.python?.jobs, 3, 'skill names are folded');
    assert.equal(skills.cobol, undefined, 'an older job version does not bring its skills back');
    assert.deepEqual(state.report_salary_overall, [
      { avg_annual_usd_max: 102500, avg_annual_usd_min: 82500, avg_experience_years: 3.25, jobs: 5 },
    ]);
    assert.deepEqual(byKey(state.report_salary_by_skill!, 'skill').sql, { avg_annual_usd: 93333.33, jobs: 3, skill: 'sql' });
    assert.deepEqual(byKey(state.report_experience_by_skill!, 'skill').python, { avg_experience_years: 4, jobs: 3, skill: 'python' });
    assert.deepEqual(byKey(state.report_by_track!, 'track'), {
      'data-eng': { track: 'data-eng', jobs: 2, avg_annual_usd: 90000, avg_experience_years: 4.5, avg_score: 85 },
      analytics: { track: 'analytics', jobs: 2, avg_annual_usd: 100000, avg_experience_years: 1, avg_score: 55 },
      none: { track: 'none', jobs: 1, avg_annual_usd: 90000, avg_experience_years: 3, avg_score: 60 },
    });
    assert.deepEqual(state.report_jobs_by_source_day!.map((row) => `${row.source} ${row.day} ${row.jobs}`).sort(), [
      'greenhouse 2026-03-05 1',
      'lever 2026-02-20 1',
      'mcf 2026-02-10 1',
      'mcf 2026-03-05 1',
      'usajobs 2026-02-10 1',
    ]);
    assert.deepEqual(byKey(state.report_funnel!, 'stage'), {
      new: { stage: 'new', jobs: 5, advanced: 3, conversion_rate: 0.6, median_days_in_stage: 2, response_rate: null },
      screened: { stage: 'screened', jobs: 1, advanced: 1, conversion_rate: 1, median_days_in_stage: 2, response_rate: null },
      shortlisted: { stage: 'shortlisted', jobs: 1, advanced: 0, conversion_rate: 0, median_days_in_stage: null, response_rate: null },
      applied: { stage: 'applied', jobs: 2, advanced: 1, conversion_rate: 0.5, median_days_in_stage: 8, response_rate: 1 },
      interviewing: { stage: 'interviewing', jobs: 1, advanced: 0, conversion_rate: 0, median_days_in_stage: null, response_rate: 0 },
      offer: { stage: 'offer', jobs: 0, advanced: 0, conversion_rate: null, median_days_in_stage: null, response_rate: null },
      closed: { stage: 'closed', jobs: 2, advanced: 0, conversion_rate: null, median_days_in_stage: null, response_rate: null },
    });
    const funnelOrder = (await readReports(await full.warehouse.live())).report_funnel.map((row) => row.stage);
    assert.deepEqual(funnelOrder, ['new', 'screened', 'shortlisted', 'applied', 'interviewing', 'offer', 'closed'], 'stage order');
    assert.deepEqual(state.report_applications_by_day, [
      { day: '2026-02-14', failed: 0, submitted: 1 },
      { day: '2026-02-26', failed: 1, submitted: 0 },
      { day: '2026-03-09', failed: 0, submitted: 1 },
    ]);
    const mcf1 = byKey(state.fact_jobs!, 'job_id')['mcf:1']!;
    assert.equal(mcf1.title, 'Data Engineer');
    assert.equal(mcf1.stage, 'interviewing');
    assert.equal(mcf1.salary_annual_usd_min, 60000, 'SGD converted at the rate in force when it was posted');
    assert.equal(byKey(state.fact_jobs!, 'job_id')['mcf:2']!.salary_annual_usd_max, 120000, 'the March rate for a March posting');
    assert.equal(byKey(state.fact_jobs!, 'job_id')['mcf:2']!.score, 90, 'an older score does not replace a newer one');
  });

  test('a full rebuild publishes its SQLite snapshot and announces it with etl.completed', async () => {
    const completed = fullPublisher.published.find((event) => event.detailType === 'etl.completed');
    assert.ok(completed, 'etl.completed published');
    const data = completed.data as { snapshotBlobKey: string; rows: Record<string, number>; requestId: string };
    assert.equal(data.snapshotBlobKey, 'analytics/snapshots/full-1.sqlite');
    assert.deepEqual(data.rows, { jobs: 6, stageChanges: 12, applications: 4, skills: 12 });
    const snapshot = await ports.blobs.get(data.snapshotBlobKey);
    assert.ok(snapshot, 'snapshot blob stored');
    const downloaded = join(dir.path, 'downloaded.sqlite');
    writeFileSync(downloaded, snapshot);
    const reader = openSqliteAnalytics(downloaded);
    try {
      assert.deepEqual(await analyticsState(reader), await analyticsState(await full.warehouse.live()));
    } finally {
      await reader.destroy();
    }
    assert.equal(existsSync(join(dir.path, 'analytics.sqlite.rebuild')), false, 'no rebuild file left behind');
  });

  test('a second rebuild swaps in atomically and keeps the daily snapshots of earlier days', async () => {
    clock.advance(86_400_000);
    await deliver(full, [busEvent('etl.requested', { requestId: 'full-2', kind: 'full', requestedAt: clock.now().toISOString() })]);
    const snapshots = (await analyticsState(await full.warehouse.live())).daily_snapshots!;
    assert.deepEqual([...new Set(snapshots.map((row) => row.day))], ['2026-03-20', '2026-03-21']);
    assert.deepEqual(
      snapshots
        .filter((row) => row.day === '2026-03-21')
        .map((row) => `${row.stage} ${row.jobs}`)
        .sort(),
      ['closed 2', 'interviewing 1', 'shortlisted 1', 'untracked 1'],
    );
  });
});
