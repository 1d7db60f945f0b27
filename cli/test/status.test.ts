import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SourceRunItem } from '@jobpipe/contracts';
import { createEmbeddedPorts } from '@jobpipe/shared';
import { tempDir } from '@jobpipe/test-kit';
import { runJobpipe } from './support/cli-process.js';

const dir = tempDir('jobpipe-cli-status-');
after(() => dir.remove());

const jobpipe = (...args: string[]) => runJobpipe(dir.path, ...args);

const coverage = {
  listed: 30,
  fetched: 30,
  published: 2,
  unchanged: 28,
  notModified: 0,
  postingsFailed: 0,
  pagesFailed: 0,
  capped: false,
  truncated: false,
};

function run(searchId: string, runId: string, finishedAt: string, overrides: Partial<SourceRunItem> = {}): SourceRunItem {
  return {
    runKey: `${searchId}#${runId}`,
    feed: 'run',
    searchId,
    source: 'mcf',
    runId,
    status: 'complete',
    coverage,
    drift: false,
    startedAt: '2026-03-01T08:00:00.000Z',
    finishedAt,
    durationMs: 1000,
    ...overrides,
  };
}

before(async () => {
  // What crm-api keeps from scrape.finished.
  const ports = createEmbeddedPorts({ dataDir: dir.path, secretKey: undefined }, 'crm-api');
  const runs = [
    run('sg-data', 'r1', '2026-03-01T08:00:00.000Z'),
    run('sg-data', 'r2', '2026-03-02T08:00:00.000Z', { status: 'partial', coverage: { ...coverage, reportedTotal: 45, truncated: true } }),
    run('boards', 'r1', '2026-03-01T09:00:00.000Z', {
      source: 'greenhouse',
      drift: true,
      boards: [{ board: 'contoso', status: 'complete', listed: 0, drift: true }],
    }),
  ];
  await ports.tables.putMany(
    'sourceRuns',
    runs.map((item) => ({ ...item })),
  );
  await ports.close();
});

test('jobpipe status shows the last run of each search: how much it read and what it missed', () => {
  const json = jobpipe('status', '--json');
  assert.equal(json.code, 0, json.stderr);
  const { sources } = JSON.parse(json.stdout) as { sources: { searchId: string; runId: string; status: string }[] };
  assert.deepEqual(
    sources.map((source) => [source.searchId, source.runId, source.status]),
    [
      ['sg-data', 'r2', 'partial'],
      ['boards', 'r1', 'complete'],
    ],
  );
  const text = jobpipe('status');
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /30 \/ 45/);
  assert.match(text.stdout, /truncated at maxPages/);
  assert.match(text.stdout, /board contoso empty/);
  assert.match(text.stdout, /DRIFT/);
});
