import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createEmbeddedPorts, ManualClock, silentLogger } from '@jobpipe/shared';
import { busEvent, tempDir } from '@jobpipe/test-kit';
import { sql } from 'kysely';
import { createEtlHandlers, type EtlService } from '../../src/app.js';
import { readEtlConfig } from '../../src/config.js';
import { openPostgresAnalytics } from '../../src/db/connections.js';
import { readReports } from '../../src/db/reports.js';
import { datasetEvents, seedTables } from '../fixtures/analytics-dataset.js';
import { analyticsState } from '../fixtures/analytics-state.js';
import { lifecycleEvents } from '../fixtures/lifecycle-dataset.js';
import { type PostgresServer, postgresUnavailable, startPostgres } from '../fixtures/postgres-server.js';
import { deliver, RecordingPublisher } from '../fixtures/run-etl.js';

const unavailable = postgresUnavailable();

describe('etl on PostgreSQL gives what it gives on SQLite', { skip: unavailable }, () => {
  const clock = new ManualClock(new Date('2026-03-20T12:00:00.000Z'));
  let dir: ReturnType<typeof tempDir>;
  let ports: ReturnType<typeof createEmbeddedPorts>;
  let server: PostgresServer;
  const services: EtlService[] = [];
  const start = (env: Record<string, string>) => {
    const service = createEtlHandlers(
      ports,
      readEtlConfig({ JOBPIPE_DATA_DIR: dir.path, JOBPIPE_ETL_PAGE_SIZE: '2', ...env }),
      silentLogger,
    );
    services.push(service);
    return service;
  };
  const fullRequest = (requestId: string) => busEvent('etl.requested', { requestId, kind: 'full', requestedAt: clock.now().toISOString() });

  before(async () => {
    dir = tempDir('jobpipe-etl-pg-');
    ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'etl', { clock });
    server = await startPostgres();
    await seedTables(ports.tables);
  });
  after(async () => {
    for (const service of services) await service.close();
    await ports.close();
    server?.stop();
    dir.remove();
  });

  test('lifecycle figures (median, nearest-rank p90, shares) from the same events are the same on PostgreSQL', async () => {
    const sqlite = start({ JOBPIPE_ETL_SQLITE_PATH: join(dir.path, 'lifecycle.sqlite') });
    const pg = start({
      JOBPIPE_ETL_TARGET: 'postgres',
      JOBPIPE_ETL_POSTGRES_URL: server.url,
      JOBPIPE_ETL_POSTGRES_SCHEMA: 'analytics_lifecycle',
    });
    for (const service of [sqlite, pg]) {
      assert.deepEqual(
        (await deliver(service, lifecycleEvents())).filter((outcome) => outcome !== 'ack'),
        [],
      );
    }
    const lifecycleOf = async (service: EtlService) => {
      const reports = await readReports(await service.warehouse.live());
      return [
        reports.report_lifecycle_overall,
        reports.report_time_to_close_by_source,
        reports.report_time_to_close_by_company,
        reports.report_ghost_flags,
      ].map((rows) => [...rows].map((row) => JSON.stringify(row)).sort());
    };
    const onPostgres = await lifecycleOf(pg);
    assert.deepEqual(onPostgres, await lifecycleOf(sqlite));
    assert.match(onPostgres[1]!.join(), /"source":"mcf","closed_jobs":2,"median_days":6.5,"p90_days":10/);
  });

  test('full rebuild and incremental events on PostgreSQL match the SQLite results', async () => {
    const sqlite = start({ JOBPIPE_ETL_SQLITE_PATH: join(dir.path, 'analytics.sqlite') });
    const pgFull = start({
      JOBPIPE_ETL_TARGET: 'postgres',
      JOBPIPE_ETL_POSTGRES_URL: server.url,
      JOBPIPE_ETL_POSTGRES_SCHEMA: 'analytics_full',
    });
    const pgIncremental = start({
      JOBPIPE_ETL_TARGET: 'postgres',
      JOBPIPE_ETL_POSTGRES_URL: server.url,
      JOBPIPE_ETL_POSTGRES_SCHEMA: 'analytics_inc',
    });

    await deliver(sqlite, [fullRequest('sqlite-1')]);
    const publisher = new RecordingPublisher();
    assert.deepEqual(await deliver(pgFull, [fullRequest('pg-1')], publisher), ['ack']);
    const outcomes = await deliver(pgIncremental, datasetEvents());
    assert.deepEqual(
      outcomes.filter((outcome) => outcome !== 'ack'),
      [],
    );
    // The incremental store takes today's daily snapshot on request (PostgreSQL publishes by rebuilding,
    // so compare the events' state first, then let it publish).
    const incrementalState = await analyticsState(await pgIncremental.warehouse.live());

    const expected = await analyticsState(await sqlite.warehouse.live());
    assert.deepEqual(await analyticsState(await pgFull.warehouse.live()), expected);
    assert.deepEqual({ ...incrementalState, daily_snapshots: expected.daily_snapshots }, expected);
    assert.deepEqual(incrementalState.daily_snapshots, []);

    const completed = publisher.published.find((event) => event.detailType === 'etl.completed');
    assert.ok(completed, 'a PostgreSQL rebuild still publishes a SQLite snapshot');
    assert.ok(await ports.blobs.exists('analytics/snapshots/pg-1.sqlite'));
  });

  test('a rebuild swaps schemas in one transaction: a reader on the live schema sees the new data next query', async () => {
    const pg = start({
      JOBPIPE_ETL_TARGET: 'postgres',
      JOBPIPE_ETL_POSTGRES_URL: server.url,
      JOBPIPE_ETL_POSTGRES_SCHEMA: 'analytics_swap',
    });
    await deliver(pg, [fullRequest('swap-1')]);
    const reader = openPostgresAnalytics(server.url, 'analytics_swap');
    try {
      const before = await reader.selectFrom('report_salary_overall').selectAll().executeTakeFirstOrThrow();
      assert.equal(before.jobs, 5);
      await ports.tables.put('jobs', { ...(await ports.tables.get('jobs', { jobId: 'usajobs:6' }))!, jobId: 'usajobs:7', externalId: '7' });
      await deliver(pg, [fullRequest('swap-2')]);
      const afterSwap = await reader.selectFrom('report_salary_overall').selectAll().executeTakeFirstOrThrow();
      assert.equal(afterSwap.jobs, 6);
      const schemas = await sql<{
        schema_name: string;
      }>`SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'analytics_swap%'`.execute(reader);
      assert.deepEqual(
        schemas.rows.map((row) => row.schema_name),
        ['analytics_swap'],
        'no rebuild or old schema left behind',
      );
    } finally {
      await reader.destroy();
      await ports.tables.delete('jobs', { jobId: 'usajobs:7' });
    }
  });
});
