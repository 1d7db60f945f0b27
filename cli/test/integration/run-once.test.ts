import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import { collect, createEmbeddedPorts, openSqlite } from '@jobpipe/shared';
import { freePort, tempDir } from '@jobpipe/test-kit';
import { parse, stringify } from 'yaml';
import type { RunSummary } from '../../src/commands/run.js';
import { REPO_ROOT } from '../../src/config.js';
import { ownReplayConfigText, repositoryConfigText } from '../support/test-config.js';

/** Runs `jobpipe run --once <args>` as cron would, on the given data folder and config file. */
function runOnce(dataDir: string, configPath: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'cli', 'src', 'main.ts'), 'run', '--once', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, JOBPIPE_DATA_DIR: dataDir, JOBPIPE_CONFIG: configPath, JOBPIPE_TRANSPORT: 'embedded' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout: stripVTControlCharacters(stdout), stderr }));
  });
}

describe('jobpipe run --once on the replay source', () => {
  const dir = tempDir('jobpipe-run-once-');
  const dataDir = join(dir.path, 'data');
  const configPath = join(dir.path, 'jobpipe.config.yaml');
  let first: { code: number | null; stdout: string; stderr: string };
  let summary: RunSummary;

  before(async () => {
    writeFileSync(configPath, ownReplayConfigText({ apiPort: 0, replayPort: await freePort(), postings: 10 }));
    first = await runOnce(dataDir, configPath, '--json');
    summary = JSON.parse(first.stdout) as RunSummary;
  });
  after(() => dir.remove());

  test('one pass scrapes every configured source, and parses and scores every posting it scraped', () => {
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(Object.keys(summary.sources).sort(), [
      'ashby',
      'greenhouse',
      'jsonld',
      'lever',
      'mcf',
      'personio',
      'recruitee',
      'smartrecruiters',
      'usajobs',
      'workable',
      'workday',
    ]);
    for (const [source, counts] of Object.entries(summary.sources)) {
      assert.ok(counts.scraped > 0, `${source} scraped something`);
      assert.equal(counts.parsed, counts.scraped, `${source}: every scraped posting parsed`);
      assert.equal(counts.scored, counts.parsed, `${source}: every parsed posting scored`);
      assert.equal(counts.deadLettered, 0, source);
    }
    assert.deepEqual(summary.failedSearches, []);
  });

  test('every parsed posting is in the jobs table once, and the analytics store was rebuilt from them', async () => {
    const parsed = Object.values(summary.sources).reduce((sum, counts) => sum + counts.parsed, 0);
    const ports = createEmbeddedPorts({ dataDir, secretKey: undefined }, 'scheduler');
    try {
      const jobIds = (await collect(ports.tables.scanAll('jobs', { pageSize: 500 }))).map((item) => item.jobId);
      assert.equal(jobIds.length, parsed);
      assert.equal(new Set(jobIds).size, parsed);
      assert.ok(await ports.blobs.exists(summary.analytics!.snapshotBlobKey), 'the snapshot is in the blob store');
    } finally {
      await ports.close();
    }
    const analytics = openSqlite(join(dataDir, 'analytics.sqlite'));
    try {
      assert.equal((analytics.prepare('SELECT COUNT(*) AS n FROM fact_jobs').get() as { n: number }).n, parsed);
    } finally {
      analytics.close();
    }
  });

  test('the summary names the five best scored jobs, best first', () => {
    assert.equal(summary.topJobs.length, 5);
    const scores = summary.topJobs.map((job) => job.score ?? 0);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
    assert.ok(
      summary.topJobs.every((job) => job.title.length > 0 && !job.title.includes(':')),
      'titles, not ids',
    );
  });

  test('a second pass finds nothing new, still shows the top jobs, and exits 0', async () => {
    const second = await runOnce(dataDir, configPath);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /^jobpipe run --once: one pass in [\d.]+ s$/m);
    assert.match(second.stdout, /│ total +│ 0 +│ 0 +│ 0 +│ 0 +│/);
    assert.match(second.stdout, /Top 5 jobs:/);
    assert.doesNotMatch(second.stdout + second.stderr, /^\{"level"/m, 'no raw log lines between the tables');
    assert.ok(second.stdout.includes(summary.topJobs[0]!.title), 'the same best job');
  });
});

test('jobpipe run --once exits 1 naming the search that failed', async () => {
  const dir = tempDir('jobpipe-run-once-fail-');
  try {
    const configPath = join(dir.path, 'jobpipe.config.yaml');
    // USAJOBS without its e-mail setting: the scrape request is refused (dead-lettered) at once, offline.
    const document = parse(repositoryConfigText()) as Record<string, unknown>;
    const searches = [{ id: 'usajobs-no-email', source: 'usajobs', keywords: 'data' }];
    writeFileSync(configPath, stringify({ ...document, replay: { enabled: false }, jobSite: { enabled: false }, searches }));
    const run = await runOnce(join(dir.path, 'data'), configPath);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^search 'usajobs-no-email' failed: USAJOBS_EMAIL_MISSING: /m);
    assert.match(run.stdout, /│ usajobs +│ 0 +│ 0 +│ 0 +│ 1 +│/);
    assert.ok(existsSync(join(dir.path, 'data', 'analytics.sqlite')), 'the analytics rebuild still ran');
  } finally {
    dir.remove();
  }
});
