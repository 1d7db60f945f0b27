import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '@jobpipe/test-kit';
import { Migrator, sql } from 'kysely';
import { openSqliteAnalytics } from '../../src/db/connections.js';
import { ANALYTICS_MIGRATIONS, migrateToLatest } from '../../src/db/migrations.js';
import { readReports } from '../../src/db/reports.js';

const dir = tempDir('jobpipe-etl-migration-');
after(() => dir.remove());

test('a store made before the lifecycle migration gets its sighting days filled and answers the lifecycle reports', async () => {
  const db = openSqliteAnalytics(join(dir.path, 'analytics.sqlite'));
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...ANALYTICS_MIGRATIONS }) } });
    const { error } = await migrator.migrateTo('0002_report_views');
    assert.equal(error, undefined);
    await sql`INSERT INTO fact_jobs (job_id, source, first_seen_at, last_seen_at)
      VALUES ('mcf:old', 'mcf', '2026-01-01T00:00:00.000Z', '2026-01-11T12:00:00.000Z')`.execute(db);

    await migrateToLatest(db);

    const row = await db.selectFrom('fact_jobs').select(['first_seen_days', 'last_seen_days']).executeTakeFirstOrThrow();
    assert.deepEqual(row, { first_seen_days: 20_454, last_seen_days: 20_464.5 });
    const reports = await readReports(db);
    assert.equal(reports.report_lifecycle_overall[0]!.jobs, 1);
    assert.equal(reports.report_lifecycle_overall[0]!.jobs_7d, 1, 'first seen 10.5 days before the latest sighting');
    assert.ok('advanced' in reports.report_funnel[0]!, 'the funnel was recreated with its advanced count');
  } finally {
    await db.destroy();
  }
});
