import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSqlite, type SqliteDatabase } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import { SqliteJobReadModel } from '../../src/adapters/sqlite-job-read-model.js';
import type { ScoredJob } from '../../src/domain/job-summary.js';

function job(id: string, score: number): ScoredJob {
  return {
    jobId: id,
    contentHash: id,
    title: 'Data Engineer',
    company: 'Acme',
    source: 'lever',
    url: `https://jobs.example.com/${id}`,
    locations: [],
    remote: null,
    score,
    track: null,
    trackScore: 0,
    filteredBy: null,
    stage: 'new',
    annualSalaryMax: null,
    salaryCurrency: null,
    postedAt: null,
    scoredAt: '2026-03-01T00:00:00.000Z',
    skills: [],
    reasons: [],
  };
}

/** Turns a current file back into the shape written before rows carried their posting state. */
function downgrade(path: string): void {
  const database = openSqlite(path);
  for (const trigger of ['jobs_read_posting_state', 'job_closures_insert', 'job_closures_update', 'job_flags_insert', 'job_flags_update'])
    database.exec(`DROP TRIGGER ${trigger}`);
  for (const column of ['closed_at', 'close_reason', 'ghost_flags']) database.exec(`ALTER TABLE jobs_read DROP COLUMN ${column}`);
  database
    .prepare('INSERT INTO job_closures (job_id, closed_at, close_reason, changed_at) VALUES (?, ?, ?, ?)')
    .run('lever:closed', '2026-03-02T08:00:00.000Z', 'expired', '2026-03-02T08:00:00.000Z');
  database
    .prepare('INSERT INTO job_flags (job_id, flags_json, changed_at) VALUES (?, ?, ?)')
    .run(
      'lever:flagged',
      JSON.stringify([{ kind: 'relisted-repeatedly', detail: 'listed 3 times', since: '2026-03-02T08:00:00.000Z' }]),
      '2026-03-02T08:00:00.000Z',
    );
  database.close();
}

test('a read model file from before rows carried their posting state opens with its closures and flags listed', async () => {
  const dir = tempDir('crm-api-read-model-upgrade-');
  const path = join(dir.path, 'crm-api.sqlite');
  const written = new SqliteJobReadModel(path);
  await written.upsert([job('lever:open', 90), job('lever:closed', 80), job('lever:flagged', 70)]);
  await written.close();
  downgrade(path);

  const model = new SqliteJobReadModel(path);
  try {
    const open = await model.list({ sort: 'score', order: 'desc', limit: 10, posting: 'open' });
    assert.deepEqual(
      open.items.map((item) => [item.jobId, item.ghostFlags?.map((flag) => flag.kind)]),
      [
        ['lever:open', undefined],
        ['lever:flagged', ['relisted-repeatedly']],
      ],
    );
    const closed = await model.list({ sort: 'score', order: 'desc', limit: 10, posting: 'closed' });
    assert.deepEqual(
      closed.items.map((item) => [item.jobId, item.closedAt, item.closeReason]),
      [['lever:closed', '2026-03-02T08:00:00.000Z', 'expired']],
    );
    await model.setClosure('lever:open', '2026-03-03T08:00:00.000Z', { closedAt: '2026-03-03T08:00:00.000Z', closeReason: 'expired' });
    assert.equal((await model.get('lever:open'))?.closeReason, 'expired', 'closures after the upgrade reach the row too');
  } finally {
    await model.close();
    dir.remove();
  }
});

test('a read model file from before rows carried their rank in their group opens with its jobs collapsed as before', async () => {
  const dir = tempDir('crm-api-read-model-upgrade-');
  const path = join(dir.path, 'crm-api.sqlite');
  const written = new SqliteJobReadModel(path);
  const copy = (id: string, score: number): ScoredJob => ({ ...job(id, score), canonicalJobId: 'lever:first' });
  await written.upsert([job('lever:first', 70), copy('lever:better', 85), copy('lever:tie', 70), job('lever:alone', 60)]);
  await written.close();
  const database = openSqlite(path);
  database.exec('DROP INDEX jobs_read_group_rank');
  for (const column of ['group_rank', 'also_on_json']) database.exec(`ALTER TABLE jobs_read DROP COLUMN ${column}`);
  database.close();

  const model = new SqliteJobReadModel(path);
  try {
    const page = await model.list({ sort: 'score', order: 'desc', limit: 10, collapse: true });
    assert.deepEqual(
      page.items.map((item) => [item.jobId, item.alsoOn]),
      [
        [
          'lever:better',
          [
            { jobId: 'lever:first', source: 'lever', url: 'https://jobs.example.com/lever:first', score: 70 },
            { jobId: 'lever:tie', source: 'lever', url: 'https://jobs.example.com/lever:tie', score: 70 },
          ],
        ],
        ['lever:alone', undefined],
      ],
    );
    await model.setClosure('lever:better', '2026-03-03T08:00:00.000Z', { closedAt: '2026-03-03T08:00:00.000Z', closeReason: 'expired' });
    const open = await model.list({ sort: 'score', order: 'desc', limit: 10, collapse: true, posting: 'open' });
    assert.deepEqual(
      open.items.map((item) => [item.jobId, item.alsoOn?.map((other) => other.jobId)]),
      [
        ['lever:first', ['lever:tie']],
        ['lever:alone', undefined],
      ],
      'the canonical posting wins the tie once the best one closes',
    );
  } finally {
    await model.close();
    dir.remove();
  }
});

test('a read model file from before the postings of a group of two named each other opens with them named', async () => {
  const dir = tempDir('crm-api-read-model-upgrade-');
  const path = join(dir.path, 'crm-api.sqlite');
  const written = new SqliteJobReadModel(path);
  const copyOf =
    (canonical: string) =>
    (id: string, score: number): ScoredJob => ({ ...job(id, score), canonicalJobId: canonical });
  await written.upsert([job('lever:pair', 70), copyOf('lever:pair')('lever:pair-copy', 80)]);
  await written.upsert([job('lever:trio', 60), copyOf('lever:trio')('lever:trio-b', 65), copyOf('lever:trio')('lever:trio-c', 55)]);
  await written.upsert([job('lever:alone', 50)]);
  await written.close();
  const partners = (): Record<string, string | null> => {
    const database = openSqlite(path);
    const rows = database
      .prepare('SELECT j.job_id, p.job_id FROM jobs_read j LEFT JOIN jobs_read p ON p.id = j.partner_id ORDER BY j.job_id')
      .raw()
      .all() as [string, string | null][];
    database.close();
    return Object.fromEntries(rows);
  };
  const expected = {
    'lever:alone': null,
    'lever:pair': 'lever:pair-copy',
    'lever:pair-copy': 'lever:pair',
    'lever:trio': null,
    'lever:trio-b': null,
    'lever:trio-c': null,
  };
  assert.deepEqual(partners(), expected, 'a current file names the partners as it writes');
  const database = openSqlite(path);
  database.exec('ALTER TABLE jobs_read DROP COLUMN partner_id');
  database.close();

  const model = new SqliteJobReadModel(path);
  try {
    assert.deepEqual(partners(), expected);
    const page = await model.list({ sort: 'score', order: 'desc', limit: 10, collapse: true });
    assert.deepEqual(
      page.items.map((item) => [item.jobId, item.alsoOn?.map((other) => other.jobId)]),
      [
        ['lever:pair-copy', ['lever:pair']],
        ['lever:trio-b', ['lever:trio', 'lever:trio-c']],
        ['lever:alone', undefined],
      ],
    );
  } finally {
    await model.close();
    dir.remove();
  }
});

/** The list indexes of a read model file: those of `jobs_read` but the group's. */
function listIndexesOf(database: SqliteDatabase): string[] {
  return database
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'jobs_read\\_%' ESCAPE '\\' AND name NOT LIKE '%group%'")
    .pluck()
    .all() as string[];
}

test('a read model file from before its list indexes ended with remote opens with them replaced, and lists the same', async () => {
  const dir = tempDir('crm-api-read-model-upgrade-');
  const path = join(dir.path, 'crm-api.sqlite');
  const written = new SqliteJobReadModel(path);
  await written.upsert([
    { ...job('lever:remote', 90), remote: true },
    { ...job('lever:onsite', 80), remote: false },
    job('lever:unknown', 70),
  ]);
  await written.close();
  const database = openSqlite(path);
  const current = listIndexesOf(database);
  assert.ok(current.length >= 8 && current.every((index) => index.endsWith('_remote')), current.join(', '));
  for (const index of current) {
    const columns = database.prepare(`SELECT name FROM pragma_index_info('${index}')`).pluck().all() as string[];
    database.exec(`DROP INDEX ${index}`);
    database.exec(`CREATE INDEX ${index.replace(/_remote$/, '')} ON jobs_read (${columns.slice(0, -1).join(', ')})`);
  }
  database.close();

  const model = new SqliteJobReadModel(path);
  try {
    const remote = await model.list({ sort: 'score', order: 'desc', limit: 10, remote: true, sources: ['lever'] });
    assert.deepEqual(
      remote.items.map((item) => item.jobId),
      ['lever:remote'],
    );
  } finally {
    await model.close();
  }
  const reopened = openSqlite(path);
  try {
    assert.deepEqual(listIndexesOf(reopened).sort(), [...current].sort(), 'the indexes without remote are gone, those with it made');
  } finally {
    reopened.close();
    dir.remove();
  }
});
