import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApi, type TestApi } from '../helpers.js';

let api: TestApi;
before(async () => {
  api = await startTestApi();
});
after(() => api.close());

const SLACK_URL = 'https://hooks.slack.com/services/T000/B000/xoxb-secret-token';
const inject = (method: 'GET' | 'PUT', url: string, payload?: object) => api.app.inject({ method, url, headers: api.auth, payload });

test('notification targets are saved in the config (config.changed names the section) and listed with their secret and delivery status', async () => {
  const saved = await inject('PUT', '/notifications/targets', {
    targets: [
      { name: 'team-slack', kind: 'slack', maxPerHour: 5 },
      {
        name: 'me',
        kind: 'email',
        instant: false,
        email: { host: 'smtp.example.org', from: 'jobpipe@example.org', to: ['me@example.org'] },
      },
    ],
    digestSchedule: '0 18 * * *',
  });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.deepEqual(saved.json().changed.includes('notifications'), true);
  assert.deepEqual(api.published('config.changed').at(-1)?.sections.includes('notifications'), true);

  const secret = await inject('PUT', '/notifications/targets/team-slack/secret', { value: SLACK_URL });
  assert.equal(secret.statusCode, 200, secret.body);
  assert.deepEqual(secret.json(), { target: 'team-slack', secretStored: true });
  assert.equal(await api.ports.secrets().get('notify/team-slack'), SLACK_URL);

  const listed = await inject('GET', '/notifications/targets');
  assert.equal(listed.statusCode, 200, listed.body);
  const body = listed.json();
  assert.equal(body.digestSchedule, '0 18 * * *');
  assert.deepEqual(
    body.targets.map((target: { name: string; secretStored: boolean; delivery: unknown }) => [
      target.name,
      target.secretStored,
      target.delivery,
    ]),
    [
      ['team-slack', true, null],
      ['me', false, null],
    ],
  );
  assert.ok(!listed.body.includes('xoxb-secret-token') && !secret.body.includes('xoxb'), 'the URL is never shown back');
  assert.ok(!JSON.stringify(api.published('config.changed')).includes('xoxb'), 'nor published');
});

test('bad targets and unsafe webhook URLs answer 400 naming the problem; an unknown target 404', async () => {
  const twice = await inject('PUT', '/notifications/targets', {
    targets: [
      { name: 'a', kind: 'webhook' },
      { name: 'a', kind: 'slack' },
    ],
  });
  assert.equal(twice.statusCode, 400);
  assert.match(twice.json().message, /'a' is named twice/);
  const noEmail = await inject('PUT', '/notifications/targets', { targets: [{ name: 'mail', kind: 'email' }] });
  assert.equal(noEmail.statusCode, 400);
  assert.match(noEmail.json().message, /an email target needs email/);
  const badKind = await inject('PUT', '/notifications/targets', { targets: [{ name: 'x', kind: 'pager' }] });
  assert.equal(badKind.statusCode, 400);

  await inject('PUT', '/notifications/targets', { targets: [{ name: 'hooks', kind: 'webhook' }] });
  const loopback = await inject('PUT', '/notifications/targets/hooks/secret', { value: 'http://127.0.0.1:9000/hook/tok-123' });
  assert.equal(loopback.statusCode, 400);
  assert.match(loopback.json().message, /points at '127\.0\.0\.1', a loopback address; list the host in the target's allowPrivateHosts/);
  assert.ok(!loopback.body.includes('tok-123'), 'the refusal names the host, not the path');
  const notUrl = await inject('PUT', '/notifications/targets/hooks/secret', { value: 'hooks.example.org/x' });
  assert.match(notUrl.json().message, /is not an absolute URL/);
  const unknown = await inject('PUT', '/notifications/targets/nobody/secret', { value: 'https://example.org/' });
  assert.equal(unknown.statusCode, 404);
});

test('POST /notifications/targets/{name}/test asks the notifier for a test (202, notification.test-requested); an unknown target 404; a retried key answers the same and publishes once', async () => {
  await inject('PUT', '/notifications/targets', { targets: [{ name: 'team-slack', kind: 'slack' }] });
  const before = api.published('notification.test-requested').length;
  const asked = await api.app.inject({ method: 'POST', url: '/notifications/targets/team-slack/test', headers: api.auth });
  assert.equal(asked.statusCode, 202, asked.body);
  const { requestId, target, requestedAt } = asked.json();
  assert.equal(target, 'team-slack');
  assert.match(requestId, /^[0-9a-f-]{36}$/);
  assert.equal(requestedAt, api.clock.now().toISOString());
  assert.deepEqual(api.published('notification.test-requested').slice(before), [{ requestId, target: 'team-slack', requestedAt }]);

  const unknown = await api.app.inject({ method: 'POST', url: '/notifications/targets/nobody/test', headers: api.auth });
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json().error, 'unknown_notification_target');
  assert.match(unknown.json().message, /no notification target 'nobody'/);
  const badName = await api.app.inject({ method: 'POST', url: '/notifications/targets/Bad%20Name/test', headers: api.auth });
  assert.equal(badName.statusCode, 400);
  assert.match(badName.json().message, /params\/name/);
  assert.equal(api.published('notification.test-requested').length, before + 1, 'refused requests publish nothing');

  const keyed = { ...api.auth, 'idempotency-key': 'test-team-slack-1' };
  const first = await api.app.inject({ method: 'POST', url: '/notifications/targets/team-slack/test', headers: keyed });
  const retried = await api.app.inject({ method: 'POST', url: '/notifications/targets/team-slack/test', headers: keyed });
  assert.equal(first.statusCode, 202);
  assert.equal(retried.statusCode, 202);
  assert.equal(retried.headers['idempotency-replayed'], 'true');
  assert.deepEqual(retried.json(), first.json());
  assert.equal(api.published('notification.test-requested').length, before + 2, 'the retry published nothing');
});

test("the target's last test shows in GET /notifications/targets once the notifier recorded it", async () => {
  await inject('PUT', '/notifications/targets', { targets: [{ name: 'hooks', kind: 'webhook' }] });
  const { requestId } = (await api.app.inject({ method: 'POST', url: '/notifications/targets/hooks/test', headers: api.auth })).json();
  // What the notifier writes in its own table after the test failed (crm-api only reads it).
  await api.ports.tables.put('notifications', {
    key: 'target#hooks',
    statusOf: 'hooks',
    lastDeliveredAt: null,
    lastFailedAt: '2026-03-01T12:00:05.000Z',
    lastError: "target 'hooks': the webhook answered 404",
    failuresInRow: 1,
    lastTest: { requestId, delivered: false, at: '2026-03-01T12:00:05.000Z' },
    updatedAt: '2026-03-01T12:00:05.000Z',
  });
  const listed = (await inject('GET', '/notifications/targets')).json();
  assert.deepEqual(listed.targets[0].delivery, {
    lastDeliveredAt: null,
    lastFailedAt: '2026-03-01T12:00:05.000Z',
    lastError: "target 'hooks': the webhook answered 404",
    failuresInRow: 1,
    lastTest: { requestId, delivered: false, at: '2026-03-01T12:00:05.000Z' },
  });
});
