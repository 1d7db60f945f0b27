import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { feedScored, scoredData, startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi();
  await feedScored(api, ...Array.from({ length: 12 }, (_, i) => scoredData(`lever:${i}`, { score: 50 + i })));
});
after(() => api.close());

const post = (url: string, payload: unknown) => api.app.inject({ method: 'POST', url, headers: api.auth, payload: payload as object });

test('a job moves stage by stage; each change is kept and emitted', async () => {
  for (const to of ['screened', 'shortlisted', 'applied', 'interviewing', 'offer']) {
    const response = await post('/jobs/lever:0/stage', { to });
    assert.equal(response.statusCode, 200, to);
  }
  const closed = await post('/jobs/lever:0/stage', { to: 'closed', closedReason: 'hired', note: 'signed!' });
  assert.deepEqual(closed.json().allowedNext, []);
  const history = (await api.app.inject({ method: 'GET', url: '/jobs/lever:0/history', headers: api.auth })).json().items;
  assert.deepEqual(
    history.map((entry: { from: string; to: string }) => `${entry.from}>${entry.to}`),
    ['new>screened', 'screened>shortlisted', 'shortlisted>applied', 'applied>interviewing', 'interviewing>offer', 'offer>closed'],
  );
  const events = api.published('crm.stage-changed').filter((event) => event.jobId === 'lever:0');
  assert.equal(events.length, 6);
  assert.deepEqual(events.at(-1), {
    jobId: 'lever:0',
    from: 'offer',
    to: 'closed',
    closedReason: 'hired',
    changedAt: '2026-03-01T12:00:00.000Z',
    changedBy: 'user',
    note: 'signed!',
  });
  const listed = (await api.app.inject({ method: 'GET', url: '/jobs?stage=closed', headers: api.auth })).json().items;
  assert.deepEqual(
    listed.map((job: { jobId: string }) => job.jobId),
    ['lever:0'],
    'the read model follows the CRM',
  );
});

test('an illegal move is 409 with the allowed next stages; a bad body is 400', async () => {
  const skip = await post('/jobs/lever:1/stage', { to: 'applied' });
  assert.equal(skip.statusCode, 409);
  assert.equal(skip.json().error, 'illegal_transition');
  assert.deepEqual(skip.json().details, { from: 'new', to: 'applied', allowed: ['screened', 'closed'] });
  const final = await post('/jobs/lever:0/stage', { to: 'screened' });
  assert.equal(final.statusCode, 409);
  assert.deepEqual(final.json().details.allowed, []);
  assert.equal((await post('/jobs/lever:1/stage', { to: 'closed' })).json().error, 'invalid_stage_change', 'closing needs a reason');
  for (const body of [
    {},
    { to: 'hired' },
    { to: 'closed', closedReason: 'bored' },
    { to: 'screened', extra: 1 },
    { to: 'screened', note: '' },
  ]) {
    const response = await post('/jobs/lever:1/stage', body);
    assert.equal(response.statusCode, 400, JSON.stringify(body));
    assert.equal(response.json().error, 'validation_failed');
  }
  assert.equal((await post('/jobs/lever:404/stage', { to: 'screened' })).statusCode, 404);
});

test('notes and employer responses are kept and emitted without moving the stage', async () => {
  const note = await post('/jobs/lever:2/notes', { text: 'ask about remote' });
  assert.equal(note.statusCode, 201);
  assert.equal(note.json().kind, 'note');
  const reply = await post('/jobs/lever:2/responses', { kind: 'interview-scheduled', interviewAt: '2026-03-05T09:00:00.000Z' });
  assert.equal(reply.statusCode, 201);
  assert.deepEqual(reply.json().response, {
    kind: 'interview-scheduled',
    respondedAt: '2026-03-01T12:00:00.000Z',
    interviewAt: '2026-03-05T09:00:00.000Z',
  });
  assert.equal((await post('/jobs/lever:2/responses', { kind: 'interview-scheduled' })).json().error, 'interview_date_missing');
  assert.equal((await post('/jobs/lever:2/notes', { text: '' })).statusCode, 400);
  const detail = (await api.app.inject({ method: 'GET', url: '/jobs/lever:2', headers: api.auth })).json();
  assert.equal(detail.crm.stage, 'new');
  assert.equal(detail.crm.responses, 1);
  const events = api.published('crm.stage-changed').filter((event) => event.jobId === 'lever:2');
  assert.equal(events.length, 2);
  assert.equal(events[0]!.note, 'ask about remote');
  assert.equal(events[1]!.response?.kind, 'interview-scheduled');
});

test('a bulk change moves each job that may move and reports the others; 501 jobs is 413', async () => {
  const response = await post('/crm/bulk-stage', { jobIds: ['lever:3', 'lever:4', 'lever:0', 'lever:999'], to: 'screened' });
  assert.equal(response.statusCode, 200);
  const body = response.json();
  assert.equal(body.moved, 2);
  assert.equal(body.failed, 2);
  assert.deepEqual(
    body.results.map((result: { jobId: string; ok: boolean; error?: string }) => [result.jobId, result.ok, result.error ?? null]),
    [
      ['lever:3', true, null],
      ['lever:4', true, null],
      ['lever:0', false, 'illegal_transition'],
      ['lever:999', false, 'job_not_found'],
    ],
  );
  const tooMany = await post('/crm/bulk-stage', { jobIds: Array.from({ length: 501 }, (_, i) => `lever:${i}`), to: 'screened' });
  assert.equal(tooMany.statusCode, 413);
  assert.equal(tooMany.json().error, 'too_many_jobs');
  const fiveHundred = await post('/crm/bulk-stage', { jobIds: Array.from({ length: 500 }, (_, i) => `lever:${i + 5}`), to: 'screened' });
  assert.equal(fiveHundred.statusCode, 200);
  assert.equal(fiveHundred.json().moved, 7, 'the 7 known jobs among 500 ids moved');
  assert.equal((await post('/crm/bulk-stage', { jobIds: [], to: 'screened' })).statusCode, 400);
});

test('GET /crm/stages describes the stage machine', async () => {
  const body = (await api.app.inject({ method: 'GET', url: '/crm/stages', headers: api.auth })).json();
  assert.deepEqual(body.transitions.shortlisted, ['applied', 'closed']);
  assert.ok(body.closedReasons.includes('hired'));
});
