import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { EventDataMap, NotificationTarget } from '@jobpipe/contracts';
import { collect, PermanentError } from '@jobpipe/shared';
import { sendTestNotification } from '../../src/use-cases/send-test.js';
import { notifierFixture } from '../support/notifier-fixture.js';
import { sinkEmail } from '../support/smtp-sink.js';

const GENERIC_PATH = '/hooks/generic-test-token-31c7';
const SLACK_PATH = '/services/T0009/B0009/slack-test-token-e2f1';

function testRequest(target: string, requestId = '5f1d7a20-8c34-4b9e-a6f2-0e3b9d4c7a18'): EventDataMap['notification.test-requested'] {
  return { requestId, target, requestedAt: '2026-12-01T08:58:00.000Z' };
}

describe('a test notification asked for from the settings reaches the target in its own format, and its outcome is recorded', () => {
  const f = notifierFixture();
  const targets = (): NotificationTarget[] => [
    { name: 'hooks', kind: 'webhook', allowPrivateHosts: ['127.0.0.1'] },
    { name: 'team-slack', kind: 'slack', allowPrivateHosts: ['127.0.0.1'], instant: false },
    {
      name: 'me-by-mail',
      kind: 'email',
      allowPrivateHosts: ['127.0.0.1'],
      digest: false,
      email: sinkEmail(f.smtp),
    },
    { name: 'no-secret', kind: 'webhook', allowPrivateHosts: ['127.0.0.1'] },
  ];

  beforeEach(async () => {
    const secrets = f.h.ports.secrets();
    await secrets.put('notify/hooks', `${f.receiver.origin}${GENERIC_PATH}`);
    await secrets.put('notify/team-slack', `${f.receiver.origin}${SLACK_PATH}`);
    await secrets.put('notify/me-by-mail', f.smtp.password);
    await f.h.setTargets(targets());
  });

  test('the generic webhook gets a jobpipe.test body, Slack a mrkdwn section, the mailbox an email; each target records the delivery', async () => {
    for (const name of ['hooks', 'team-slack', 'me-by-mail']) await sendTestNotification(f.h.context, testRequest(name));

    const [generic] = f.receiver.at(GENERIC_PATH);
    assert.equal(f.receiver.at(GENERIC_PATH).length, 1);
    const body = generic!.body as Record<string, unknown>;
    assert.equal(body.type, 'jobpipe.test');
    assert.equal(body.text, 'jobpipe test notification for hooks');
    assert.match(String(body.message), /target 'hooks' works/);
    assert.deepEqual(body.jobs, []);
    assert.equal(body.cockpitUrl, 'http://127.0.0.1:3000/app');
    assert.equal(generic!.headers['idempotency-key'], body.id);

    const slack = f.receiver.at(SLACK_PATH)[0]!.body as { text: string; blocks: { type: string; text: { type: string; text: string } }[] };
    assert.equal(slack.text, 'jobpipe test notification for team-slack');
    assert.equal(slack.blocks.length, 1);
    assert.equal(slack.blocks[0]!.text.type, 'mrkdwn');
    assert.match(slack.blocks[0]!.text.text, /^\*jobpipe test notification for team-slack\*\n.*target 'team-slack' works/);
    assert.match(slack.blocks[0]!.text.text, /<http:\/\/127\.0\.0\.1:3000\/app\|Open the cockpit>/);

    assert.equal(f.smtp.messages.length, 1);
    const mail = f.smtp.messages[0]!;
    assert.equal(mail.subject, 'jobpipe test notification for me-by-mail');
    assert.match(mail.text ?? '', /target 'me-by-mail' works/);
    assert.match(String(mail.html), /<a href="http:\/\/127\.0\.0\.1:3000\/app">Open the cockpit<\/a>/);

    for (const name of ['hooks', 'team-slack', 'me-by-mail']) {
      const status = await f.h.context.store.status(name);
      assert.equal(status?.lastDeliveredAt, '2026-12-01T09:00:00.000Z', name);
      assert.equal(status?.failuresInRow, 0, name);
      assert.deepEqual(status?.lastTest, {
        requestId: '5f1d7a20-8c34-4b9e-a6f2-0e3b9d4c7a18',
        delivered: true,
        at: '2026-12-01T09:00:00.000Z',
      });
    }
    // A test is no job: nothing is queued for a digest or marked as a delivery.
    const items = await collect(f.h.ports.tables.scanAll('notifications'));
    assert.deepEqual(items.map((item) => item.key).sort(), ['target#hooks', 'target#me-by-mail', 'target#team-slack']);
  });

  test('a failing test is recorded as the target last outcome with the reason (no URL, no password), and not retried', async () => {
    f.receiver.failNext(503);
    f.smtp.refuseNext(550);
    await sendTestNotification(f.h.context, testRequest('hooks'));
    await sendTestNotification(f.h.context, testRequest('me-by-mail'));
    await sendTestNotification(f.h.context, testRequest('no-secret'));

    const hooks = await f.h.context.store.status('hooks');
    assert.equal(hooks?.lastFailedAt, '2026-12-01T09:00:00.000Z');
    assert.equal(hooks?.failuresInRow, 1);
    assert.match(hooks?.lastError ?? '', /target 'hooks': the webhook answered 503/);
    assert.ok(!hooks?.lastError?.includes('generic-test-token'), 'the URL path is not in the reason');
    assert.equal(hooks?.lastTest?.delivered, false);
    assert.match((await f.h.context.store.status('me-by-mail'))?.lastError ?? '', /target 'me-by-mail': the SMTP server answered 550/);
    assert.match(
      (await f.h.context.store.status('no-secret'))?.lastError ?? '',
      /no webhook URL in the secret store under 'notify\/no-secret'/,
    );
    assert.equal(f.receiver.received.length, 0);

    // The next test after the fix is delivered and clears the failure count.
    f.h.clock.advance(60_000);
    await sendTestNotification(f.h.context, testRequest('hooks', '5f1d7a20-8c34-4b9e-a6f2-0e3b9d4c7a19'));
    const fixed = await f.h.context.store.status('hooks');
    assert.equal(fixed?.lastDeliveredAt, '2026-12-01T09:01:00.000Z');
    assert.equal(fixed?.failuresInRow, 0);
    assert.deepEqual(fixed?.lastTest, {
      requestId: '5f1d7a20-8c34-4b9e-a6f2-0e3b9d4c7a19',
      delivered: true,
      at: '2026-12-01T09:01:00.000Z',
    });
    assert.equal(f.receiver.at(GENERIC_PATH).length, 1);
  });

  test('a test for a target no longer in the config is a permanent error naming it', async () => {
    await assert.rejects(
      sendTestNotification(f.h.context, testRequest('gone')),
      (error: unknown) => error instanceof PermanentError && /no notification target 'gone'/.test(error.message),
    );
  });
});
