import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { buildAnalyticsSnapshot } from '../analytics-fixture.js';
import { deliverAnalyticsSnapshot, startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi();
});
after(() => api.close());

const get = (url: string) => api.app.inject({ method: 'GET', url, headers: api.auth });

test('lifecycle insights: shares closed within 7 and 30 days, time to close per source and company, flags per criterion', async () => {
  const path = join(api.dataDir, 'lifecycle.sqlite');
  buildAnalyticsSnapshot(path);
  await deliverAnalyticsSnapshot(api, 'lifecycle-1', readFileSync(path));

  const overall = await get('/insights/lifecycle');
  assert.equal(overall.statusCode, 200);
  assert.deepEqual(overall.json().rows, [
    {
      jobs: 44,
      open_jobs: 40,
      closed_jobs: 4,
      jobs_7d: 30,
      closed_within_7d: 3,
      share_closed_within_7d: 0.1,
      jobs_30d: 10,
      closed_within_30d: 4,
      share_closed_within_30d: 0.4,
      flagged_jobs: 6,
      share_flagged: 0.15,
    },
  ]);

  assert.deepEqual((await get('/insights/time-to-close')).json().rows, [
    { group: 'mcf', closedJobs: 30, medianDays: 14, p90Days: 45.25 },
    { group: 'greenhouse', closedJobs: 12, medianDays: 9.5, p90Days: 31 },
    { group: 'lever', closedJobs: 2, medianDays: 3, p90Days: 4 },
  ]);
  assert.deepEqual((await get('/insights/time-to-close?by=company&minClosed=2')).json().rows, [
    { group: 'Acme', closedJobs: 6, medianDays: 7, p90Days: 20 },
  ]);
  assert.deepEqual((await get('/insights/time-to-close?limit=1')).json().rows, [
    { group: 'mcf', closedJobs: 30, medianDays: 14, p90Days: 45.25 },
  ]);
  assert.deepEqual((await get('/insights/ghost-flags')).json().rows, [
    { kind: 'open-past-usual-close', jobs: 5, share: 0.125 },
    { kind: 'evergreen-no-salary', jobs: 2, share: 0.05 },
  ]);
  assert.deepEqual((await get('/insights/funnel')).json().rows[0], {
    stage: 'new',
    jobs: 40,
    advanced: 3,
    conversion_rate: 0.075,
    median_days_in_stage: 1,
    response_rate: 0,
  });
});

test('bad grouping or bounds are a 400 that names the parameter', async () => {
  for (const query of ['by=planet', 'minClosed=0', 'limit=501']) {
    const response = await get(`/insights/time-to-close?${query}`);
    assert.equal(response.statusCode, 400, query);
    assert.match(response.json().message, new RegExp(query.split('=')[0]!), query);
  }
});

test('a snapshot published before the lifecycle views answers 503 "run an ETL", not 500', async () => {
  const path = join(api.dataDir, 'older.sqlite');
  buildAnalyticsSnapshot(path);
  const db = new Database(path);
  for (const view of [
    'report_lifecycle_overall',
    'report_time_to_close_by_source',
    'report_time_to_close_by_company',
    'report_ghost_flags',
  ]) {
    db.exec(`DROP VIEW ${view}`);
  }
  db.close();
  await deliverAnalyticsSnapshot(api, 'older-1', readFileSync(path));
  for (const url of ['/insights/lifecycle', '/insights/time-to-close', '/insights/ghost-flags']) {
    const response = await get(url);
    assert.equal(response.statusCode, 503, url);
    assert.match(response.json().message, /POST \/etl/, url);
  }
  assert.equal((await get('/insights/skills')).statusCode, 200, 'the other reports still answer');
});

test('experience for a keyword counts a job and its duplicate posting on another source once', async () => {
  const path = join(api.dataDir, 'duplicates.sqlite');
  buildAnalyticsSnapshot(path);
  const db = new Database(path);
  // lever:2's copy on mcf, linked by the parser, asking for far more experience.
  db.exec(`INSERT INTO fact_jobs (job_id, title, company, source, experience_years_min, canonical_job_id)
    VALUES ('mcf:9', 'Data Engineer', 'Globex', 'mcf', 12, 'lever:2')`);
  db.close();
  await deliverAnalyticsSnapshot(api, 'duplicates-1', readFileSync(path));
  assert.deepEqual((await get('/insights/experience?keyword=data%20engineer')).json().rows, [
    { keyword: 'data engineer', jobs: 2, avgExperienceYears: 4 },
  ]);
});
