import assert from 'node:assert/strict';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '@jobpipe/test-kit';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { SqliteAnalyticsTarget } from '../../src/adapters/sqlite-target.js';

test('the live file commits through a WAL, and a swap never replays a WAL a crashed writer left beside it', async () => {
  const dir = tempDir('etl-sqlite-target-');
  try {
    const path = join(dir.path, 'analytics.sqlite');
    const target = new SqliteAnalyticsTarget(path);
    const live = await target.live();
    assert.equal((await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(live)).rows[0]?.journal_mode, 'wal');
    await live.insertInto('fact_jobs').values({ job_id: 'old:1', title: 'Old row', company: 'Old', source: 'lever' }).execute();
    // What a writer killed mid-run leaves: its WAL, with the committed row not yet folded into the file.
    assert.ok(existsSync(`${path}-wal`));
    copyFileSync(`${path}-wal`, join(dir.path, 'crashed-wal'));

    const slot = await target.prepareRebuild();
    await slot.db.insertInto('fact_jobs').values({ job_id: 'new:1', title: 'New row', company: 'New', source: 'ashby' }).execute();
    await target.close();
    copyFileSync(join(dir.path, 'crashed-wal'), `${path}-wal`);
    await slot.swapIn();

    const reader = new Database(path, { readonly: true });
    assert.deepEqual(reader.prepare('SELECT job_id FROM fact_jobs ORDER BY job_id').pluck().all(), ['new:1']);
    assert.equal(reader.pragma('integrity_check', { simple: true }), 'ok');
    reader.close();
    await target.close();
  } finally {
    dir.remove();
  }
});
