import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { standaloneHandlerContext } from '@jobpipe/shared';
import { busEvent } from '@jobpipe/test-kit';
import { buildAnalyticsSnapshot } from '../analytics-fixture.js';
import { deliverAnalyticsSnapshot, etlCompleted, feedScored, scoredData, startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi();
  await feedScored(api, scoredData('greenhouse:1', { score: 80 }), scoredData('greenhouse:2', { score: 40 }));
});
after(() => api.close());

const inject = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  api.app.inject({ method, url, headers: api.auth, ...(payload === undefined ? {} : { payload: payload as object }) });
const handlerContext = () => standaloneHandlerContext((events) => api.ports.publisher.publish(events));

const config = {
  tracks: [{ name: 'data', titleKeywords: [{ term: 'data engineer', weight: 10 }], bodyKeywords: [] }],
  searches: [
    { id: 'de-sg', source: 'mcf', keywords: 'data engineer', schedule: '0 * * * *' },
    { id: 'gh-acme', source: 'greenhouse', boards: ['acme'] },
  ],
  scoring: { notifyThreshold: 60 },
};

test('config is validated, versioned and emitted as config.changed with the changed sections', async () => {
  assert.deepEqual((await inject('GET', '/config')).json(), { version: 0, updatedAt: null, config: { tracks: [], searches: [] } });
  const invalid = await inject('PUT', '/config', { config: { tracks: [{ name: '' }], searches: [] } });
  assert.equal(invalid.statusCode, 400);
  assert.equal(invalid.json().error, 'invalid_config');
  assert.ok(invalid.json().details.errors.length > 0);
  assert.deepEqual((await inject('PUT', '/config', { config })).json(), {
    version: 1,
    changed: ['tracks', 'searches', 'scoring', 'currencyRates', 'profile', 'sites', 'notifications'],
  });
  const section = await inject('PUT', '/config/scoring', { value: { notifyThreshold: 75 }, expectedVersion: 1 });
  assert.deepEqual(section.json(), { version: 2, changed: ['scoring'] });
  const stale = await inject('PUT', '/config/scoring', { value: { notifyThreshold: 60 }, expectedVersion: 1 });
  assert.equal(stale.statusCode, 409);
  assert.equal((await inject('GET', '/config/scoring')).json().value.notifyThreshold, 75);
  assert.equal((await inject('GET', '/config/colours')).statusCode, 400);
  const events = api.published('config.changed');
  assert.deepEqual(
    events.map((event) => [event.version, event.sections]),
    [
      [1, ['tracks', 'searches', 'scoring', 'currencyRates', 'profile', 'sites', 'notifications']],
      [2, ['scoring']],
    ],
  );
});

test('scrape and ETL can be triggered now', async () => {
  const all = await inject('POST', '/scrape');
  assert.equal(all.statusCode, 202);
  assert.deepEqual(all.json().searches, [
    { searchId: 'de-sg', source: 'mcf' },
    { searchId: 'gh-acme', source: 'greenhouse' },
  ]);
  const requested = api.published('scrape.requested');
  assert.deepEqual(requested[0], {
    searchId: 'de-sg',
    source: 'mcf',
    keywords: 'data engineer',
    runId: all.json().runId,
    requestedBy: 'user',
  });
  assert.equal((await inject('POST', '/scrape', { searchId: 'gh-acme' })).json().searches.length, 1);
  assert.equal((await inject('POST', '/scrape', { searchId: 'nope' })).statusCode, 404);
  const etl = await inject('POST', '/etl', { kind: 'incremental' });
  assert.equal(etl.statusCode, 202);
  assert.equal(api.published('etl.requested')[0]!.kind, 'incremental');
  assert.equal((await inject('POST', '/etl', { kind: 'sideways' })).statusCode, 400);
});

test('applications: only shortlisted jobs, once; results come back through the events', async () => {
  const early = await inject('POST', '/applications', { jobId: 'greenhouse:1' });
  assert.equal(early.statusCode, 409);
  assert.equal(early.json().error, 'not_shortlisted');
  await inject('POST', '/jobs/greenhouse:1/stage', { to: 'screened' });
  await inject('POST', '/jobs/greenhouse:1/stage', { to: 'shortlisted' });
  const dry = await inject('POST', '/applications', { jobId: 'greenhouse:1', dryRun: true });
  assert.equal(dry.statusCode, 202);
  const real = await inject('POST', '/applications', { jobId: 'greenhouse:1' });
  assert.equal(real.statusCode, 202);
  assert.equal((await inject('POST', '/applications', { jobId: 'greenhouse:1' })).json().error, 'already_applied');
  const requested = api.published('application.requested');
  assert.equal(requested.length, 2);
  assert.equal(requested[1]!.site, 'jobs.example.com');
  assert.equal(requested[1]!.dryRun, false);

  const applicationId = real.json().applicationId;
  await api.ports.blobs.put('evidence/after.png', Buffer.from([137, 80, 78, 71]));
  await api.handlers['application.submitted@1'](
    busEvent(
      'application.submitted',
      {
        applicationId,
        jobId: 'greenhouse:1',
        site: 'jobs.example.com',
        dryRun: false,
        submittedAt: '2026-03-01T12:30:00.000Z',
        evidence: { beforeBlobKey: 'evidence/before.png', afterBlobKey: 'evidence/after.png' },
        answers: [],
      },
      'applier',
    ),
    handlerContext() as never,
  );
  const listed = (await inject('GET', '/applications?status=submitted')).json().items;
  assert.equal(listed.length, 1);
  assert.deepEqual(listed[0].evidence, [`/applications/${applicationId}/evidence/0`, `/applications/${applicationId}/evidence/1`]);
  const screenshot = await inject('GET', listed[0].evidence[1]);
  assert.equal(screenshot.headers['content-type'], 'image/png');
  assert.equal((await inject('GET', listed[0].evidence[0])).statusCode, 404, 'a missing blob is 404');
  assert.equal((await inject('GET', '/jobs/greenhouse:1')).json().crm.stage, 'applied', 'a real submission moves the job to applied');
  assert.equal((await inject('GET', '/applications')).json().items.length, 2);
  assert.equal((await inject('GET', '/applications/unknown-id')).statusCode, 404);
});

test("an application shows the outcome learned from the applier's event: failure reason, user action, evidence", async () => {
  await inject('POST', '/jobs/greenhouse:2/stage', { to: 'screened' });
  await inject('POST', '/jobs/greenhouse:2/stage', { to: 'shortlisted' });
  const dry = (await inject('POST', '/applications', { jobId: 'greenhouse:2', dryRun: true })).json();
  const failed = {
    applicationId: dry.applicationId,
    jobId: 'greenhouse:2',
    site: 'jobs.example.com',
    failedAt: '2026-03-01T13:00:00.000Z',
    code: 'unknown-question' as const,
    message: 'the answer bank has no answer',
    needsUser: true,
    evidenceBlobKey: 'evidence/form.png',
    question: 'Are you willing to relocate?',
  };
  await api.handlers['application.failed@1'](busEvent('application.failed', failed, 'applier'), handlerContext() as never);
  const shown = (await inject('GET', `/applications/${dry.applicationId}`)).json();
  assert.equal(shown.status, 'failed');
  assert.equal(shown.finishedAt, '2026-03-01T13:00:00.000Z');
  assert.equal(shown.failureCode, 'unknown-question');
  assert.equal(shown.failureMessage, 'the answer bank has no answer (question: Are you willing to relocate?)');
  assert.equal(shown.needsUser, true);
  assert.deepEqual(shown.evidence, [`/applications/${dry.applicationId}/evidence/0`]);
  const failedOnes = (await inject('GET', '/applications?status=failed')).json().items;
  assert.deepEqual(
    failedOnes.map((item: { applicationId: string }) => item.applicationId),
    [dry.applicationId],
  );
  const later = { ...failed, failedAt: '2026-03-01T14:00:00.000Z', code: 'timeout' as const, needsUser: false };
  await api.handlers['application.failed@1'](busEvent('application.failed', later, 'applier'), handlerContext() as never);
  assert.equal(
    (await inject('GET', `/applications/${dry.applicationId}`)).json().failureCode,
    'unknown-question',
    'a settled outcome stays',
  );
});

test('insights come from the analytics snapshot delivered by etl.completed, cached until the next one', async () => {
  assert.equal((await inject('GET', '/insights/skills')).statusCode, 503);
  await deliverAnalyticsSnapshot(api, 'r1', buildAnalyticsSnapshot(join(api.dataDir, 'fixture-analytics.sqlite')));
  assert.deepEqual((await inject('GET', '/insights/skills?limit=2')).json().rows, [
    { skill: 'python', jobs: 3 },
    { skill: 'sql', jobs: 2 },
  ]);
  assert.equal((await inject('GET', '/insights/skills/all')).json().rows.length, 4);
  assert.deepEqual((await inject('GET', '/insights/experience?keyword=Python')).json().rows, [
    { keyword: 'Python', jobs: 3, avgExperienceYears: 4 },
  ]);
  assert.equal((await inject('GET', '/insights/experience')).statusCode, 400);
  assert.deepEqual((await inject('GET', '/insights/salary')).json().rows[0], {
    jobs: 4,
    avg_annual_usd_min: 93_333.33333333333,
    avg_annual_usd_max: 120_000,
    avg_experience_years: 3.3333333333333335,
  });
  assert.deepEqual((await inject('GET', '/insights/salary-by-skill?limit=1')).json().rows, [
    { skill: 'spark', jobs: 1, avg_annual_usd: 140_000 },
  ]);
  assert.equal((await inject('GET', '/insights/tracks')).json().rows.length, 2);
  assert.equal((await inject('GET', '/insights/sources-by-day?days=30')).json().rows.length, 4);
  assert.equal((await inject('GET', '/insights/funnel')).json().rows[0].stage, 'new');
  assert.equal((await inject('GET', '/insights/applications-by-day?days=30')).json().rows.length, 2);

  // A new snapshot with fewer skills replaces the cached answers at once.
  const smaller = join(api.dataDir, 'smaller.sqlite');
  buildAnalyticsSnapshot(smaller);
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(smaller);
  db.exec("DELETE FROM bridge_job_skills WHERE skill <> 'go'");
  db.close();
  const { readFileSync } = await import('node:fs');
  await deliverAnalyticsSnapshot(api, 'r2', readFileSync(smaller));
  assert.deepEqual((await inject('GET', '/insights/skills')).json().rows, [{ skill: 'go', jobs: 1 }]);
  await assert.rejects(
    api.handlers['etl.completed@1'](etlCompleted('r3-never-stored'), handlerContext() as never),
    /SNAPSHOT|not in the blob store/,
  );
});

test('caller mistakes are 4xx in the one error shape: malformed JSON, oversized body, wrong route', async () => {
  const malformed = await api.app.inject({
    method: 'POST',
    url: '/jobs/greenhouse:2/notes',
    headers: { ...api.auth, 'content-type': 'application/json' },
    payload: '{"text": ',
  });
  assert.equal(malformed.statusCode, 400);
  assert.deepEqual(malformed.json(), { error: 'malformed_json', message: 'the request body is not valid JSON', details: null });
  const huge = await api.app.inject({
    method: 'POST',
    url: '/jobs/greenhouse:2/notes',
    headers: { ...api.auth, 'content-type': 'application/json' },
    payload: JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024) }),
  });
  assert.equal(huge.statusCode, 413);
  assert.equal(huge.json().error, 'body_too_large');
  const missing = await inject('GET', '/nowhere');
  assert.equal(missing.statusCode, 404);
  assert.deepEqual(Object.keys(missing.json()), ['error', 'message', 'details']);
  for (const response of [malformed, huge, missing]) assert.ok(!response.body.includes('    at '), 'no stack trace');
});

test('the OpenAPI document validates and lists every route', async () => {
  const document = (await api.app.inject({ method: 'GET', url: '/docs/json' })).json();
  await SwaggerParser.validate(structuredClone(document));
  const listed = new Set<string>();
  for (const [path, operations] of Object.entries(document.paths as Record<string, object>)) {
    for (const method of Object.keys(operations)) listed.add(`${method.toUpperCase()} ${path}`);
  }
  const expected = [
    'GET /health',
    'GET /metrics',
    'GET /jobs',
    'GET /jobs/export.csv',
    'GET /jobs/{jobId}',
    'GET /crm/stages',
    'POST /jobs/{jobId}/stage',
    'POST /jobs/{jobId}/notes',
    'POST /jobs/{jobId}/responses',
    'GET /jobs/{jobId}/history',
    'POST /crm/bulk-stage',
    'POST /jobs/{jobId}/flags/{kind}/dismiss',
    'POST /jobs/{jobId}/flags/{kind}/restore',
    'POST /jobs/{jobId}/close',
    'POST /jobs/{jobId}/reopen',
    'POST /applications',
    'GET /applications',
    'GET /applications/{applicationId}',
    'GET /applications/{applicationId}/evidence/{index}',
    'GET /config',
    'PUT /config',
    'GET /config/{section}',
    'PUT /config/{section}',
    'POST /scrape',
    'POST /wipe',
    'POST /etl',
    'POST /imports/jobs',
    'POST /imports/csv',
    'GET /imports/{importId}',
    'GET /insights/skills',
    'GET /insights/skills/all',
    'GET /insights/experience',
    'GET /insights/salary',
    'GET /insights/salary-by-skill',
    'GET /insights/tracks',
    'GET /insights/sources-by-day',
    'GET /insights/funnel',
    'GET /insights/applications-by-day',
    'GET /insights/lifecycle',
    'GET /insights/time-to-close',
    'GET /insights/ghost-flags',
    'GET /live',
    'POST /proposals/stage-changes',
    'POST /proposals/applications',
    'POST /proposals/notes',
    'GET /proposals',
    'GET /proposals/{proposalId}',
    'POST /proposals/{proposalId}/accept',
    'POST /proposals/{proposalId}/reject',
    'POST /proposals/{proposalId}/undo',
    'GET /sources/runs',
    'POST /sources/resolve',
    'GET /dashboard',
    'GET /dashboard/app.js',
    'GET /dashboard/style.css',
    'GET /dashboard/chart.umd.min.js',
    'GET /inbox',
    'GET /app',
    'GET /app/app.js',
    'GET /app/app.css',
    'GET /sites',
    'PUT /sites/{site}/credentials',
    'GET /sites/{site}/credentials',
    'POST /sites/{site}/unblock',
    'GET /notifications/targets',
    'PUT /notifications/targets',
    'PUT /notifications/targets/{name}/secret',
    'POST /notifications/targets/{name}/test',
    'GET /api-keys',
    'POST /api-keys',
    'DELETE /api-keys/{keyId}',
    'GET /sheets/connection',
    'PUT /sheets/connection',
  ];
  assert.deepEqual([...listed].sort(), [...expected].sort());
  assert.ok((await inject('GET', '/metrics')).body.includes('jobpipe_http_requests_total'));
});

test('the live stream sends jobs scored above the threshold and application results', async () => {
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = api.app.server.address() as AddressInfo;
  const received: string[] = [];
  const done = new Promise<void>((resolve, reject) => {
    const call = request({ host: '127.0.0.1', port, path: '/live?minScore=70', headers: api.auth }, (response) => {
      assert.equal(response.headers['content-type'], 'text/event-stream; charset=utf-8');
      response.setEncoding('utf8');
      response.on('data', async (text: string) => {
        received.push(text);
        if (text.startsWith(': connected')) {
          await feedScored(api, scoredData('lever:low', { score: 30 }), scoredData('lever:high', { score: 95 }));
          api.context.live.publish({ event: 'application.failed', data: { applicationId: 'a1', code: 'timeout' } });
        }
        if (received.join('').includes('event: application.failed')) {
          call.destroy();
          resolve();
        }
      });
    });
    call.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
    call.end();
  });
  await done;
  const stream = received.join('');
  assert.match(stream, /event: job.scored\ndata: \{"jobId":"lever:high"/);
  assert.ok(!stream.includes('lever:low'), 'jobs under the threshold are not sent');
});
