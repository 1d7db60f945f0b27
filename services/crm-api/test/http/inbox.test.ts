import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildCockpit } from '../../cockpit/build.js';
import { feedScored, scoredData, startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi();
  await feedScored(
    api,
    scoredData('greenhouse:1', {
      score: 88,
      reasons: [
        { kind: 'body', text: "body mentions 'sql'", points: 5 },
        { kind: 'title', text: "title mentions 'data engineer'", points: 30 },
        { kind: 'location', text: 'outside your locations', points: -12 },
        { kind: 'body', text: "body mentions 'airflow'", points: 8 },
      ],
    }),
    scoredData('lever:2', { score: 95, job: { title: 'Backend Engineer', source: 'lever', remote: true } }),
    scoredData('mcf:3', { score: 70, job: { title: 'Analyst', source: 'mcf', annualSalaryMax: 50000 } }),
  );
  await api.app.inject({ method: 'POST', url: '/jobs/mcf:3/stage', headers: api.auth, payload: { to: 'screened' } });
});
after(() => api.close());

const inbox = async (query: string) => {
  const response = await api.app.inject({ method: 'GET', url: `/inbox${query}`, headers: api.auth });
  return { status: response.statusCode, body: response.json() };
};

test('the inbox lists jobs best first, each with its three strongest reasons, strongest first', async () => {
  const { status, body } = await inbox('');
  assert.equal(status, 200);
  assert.deepEqual(
    body.items.map((job: { jobId: string }) => job.jobId),
    ['lever:2', 'greenhouse:1', 'mcf:3'],
  );
  assert.deepEqual(
    body.items[1].reasons.map((reason: { text: string }) => reason.text),
    ["title mentions 'data engineer'", 'outside your locations', "body mentions 'airflow'"],
  );
  assert.equal(body.items[1].salaryCurrency, 'SGD');
  assert.equal(body.nextCursor, null);
});

test('the inbox filters on the server by status, source, remote and salary, and pages with a cursor', async () => {
  assert.deepEqual(
    (await inbox('?stage=new')).body.items.map((job: { jobId: string }) => job.jobId),
    ['lever:2', 'greenhouse:1'],
  );
  assert.deepEqual(
    (await inbox('?stage=screened')).body.items.map((job: { jobId: string }) => job.jobId),
    ['mcf:3'],
  );
  assert.deepEqual(
    (await inbox('?source=lever&remote=true')).body.items.map((job: { jobId: string }) => job.jobId),
    ['lever:2'],
  );
  assert.deepEqual(
    (await inbox('?salaryMin=100000')).body.items.map((job: { jobId: string }) => job.jobId),
    ['lever:2', 'greenhouse:1'],
  );
  const first = await inbox('?limit=2');
  assert.equal(first.body.items.length, 2);
  const second = await inbox(`?limit=2&cursor=${first.body.nextCursor}`);
  assert.deepEqual(
    second.body.items.map((job: { jobId: string }) => job.jobId),
    ['mcf:3'],
  );
});

test('bad inbox queries answer 400 saying what is wrong', async () => {
  const inverted = await inbox('?salaryMin=9&salaryMax=1');
  assert.equal(inverted.status, 400);
  assert.match(inverted.body.message, /salaryMin \(9\) is above salaryMax \(1\)/);
  const stage = await inbox('?stage=maybe');
  assert.equal(stage.status, 400);
  const foreign = await inbox('?cursor=nonsense');
  assert.equal(foreign.status, 400);
  assert.match(foreign.body.message, /cursor/);
});

test('the cockpit page is served without a key, under a policy that allows only this origin', async () => {
  await buildCockpit();
  const page = await api.app.inject({ method: 'GET', url: '/app' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<script type="module" src="\/app\/app.js"><\/script>/);
  assert.match(String(page.headers['content-security-policy']), /script-src 'self';/);
  const script = await api.app.inject({ method: 'GET', url: '/app/app.js' });
  assert.equal(script.statusCode, 200);
  assert.match(String(script.headers['content-type']), /^text\/javascript/);
  assert.doesNotMatch(script.body, /https?:\/\/(?!www\.w3\.org)[a-z]/i, 'nothing is loaded from elsewhere');
});
