import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { NotificationTarget } from '@jobpipe/contracts';
import { collect, PermanentError, TransientError } from '@jobpipe/shared';
import { notifyScoredJob } from '../../src/use-cases/notify-scored-job.js';
import { scoredJob } from '../support/harness.js';
import { notifierFixture } from '../support/notifier-fixture.js';
import { sinkEmail } from '../support/smtp-sink.js';

const GENERIC_PATH = '/hooks/generic-token-4f1b9c';
const SLACK_PATH = '/services/T0001/B0001/slack-token-77aa';

describe('instant notifications reach a local webhook receiver and SMTP server', () => {
  const f = notifierFixture();
  const targets = (): NotificationTarget[] => [
    { name: 'hooks', kind: 'webhook', allowPrivateHosts: ['127.0.0.1'] },
    { name: 'team-slack', kind: 'slack', allowPrivateHosts: ['127.0.0.1'] },
    {
      name: 'me-by-mail',
      kind: 'email',
      allowPrivateHosts: ['127.0.0.1'],
      email: sinkEmail(f.smtp),
    },
  ];

  beforeEach(async () => {
    const secrets = f.h.ports.secrets();
    await secrets.put('notify/hooks', `${f.receiver.origin}${GENERIC_PATH}`);
    await secrets.put('notify/team-slack', `${f.receiver.origin}${SLACK_PATH}`);
    await secrets.put('notify/me-by-mail', f.smtp.password);
    await f.h.setTargets(targets(), { notifyThreshold: 80 });
  });

  test('a job over the threshold is sent once to each target, even when its job.scored comes twice at once and again later', async () => {
    const event = scoredJob('greenhouse:1001', 85);
    const concurrent = await Promise.allSettled([notifyScoredJob(f.h.context, event), notifyScoredJob(f.h.context, event)]);
    for (const outcome of concurrent) {
      if (outcome.status === 'rejected') assert.match(String(outcome.reason), /being handled by another delivery/);
    }
    await notifyScoredJob(f.h.context, event); // the queue's retry of a delivery that lost the claim
    await notifyScoredJob(f.h.context, { ...event, score: 91 }); // a rescore

    const [generic] = f.receiver.at(GENERIC_PATH);
    assert.equal(f.receiver.at(GENERIC_PATH).length, 1);
    const body = generic!.body as Record<string, unknown> & { jobs: Record<string, unknown>[] };
    assert.equal(body.type, 'jobpipe.job');
    assert.equal(generic!.headers['idempotency-key'], body.id);
    assert.deepEqual(body.jobs[0], {
      jobId: 'greenhouse:1001',
      title: 'Data Platform Engineer',
      company: 'Harborview Clinics',
      score: 85,
      scoredAt: '2026-12-01T08:59:00.000Z',
      locations: ['Singapore'],
      remote: false,
      reasons: ['title matches "data platform"', 'skills: kafka, spark'],
      postingUrl: 'https://boards.greenhouse.io/harborview/jobs/1001',
      link: 'http://127.0.0.1:3000/app#/jobs/greenhouse%3A1001',
    });

    assert.equal(f.receiver.at(SLACK_PATH).length, 1);
    const slack = f.receiver.at(SLACK_PATH)[0]!.body as { text: string; blocks: { type: string; text: { type: string; text: string } }[] };
    assert.equal(slack.text, 'New job: Data Platform Engineer at Harborview Clinics (score 85)');
    assert.equal(slack.blocks.length, 1);
    assert.equal(slack.blocks[0]!.type, 'section');
    assert.equal(slack.blocks[0]!.text.type, 'mrkdwn');
    assert.match(
      slack.blocks[0]!.text.text,
      /^\*<http:\/\/127\.0\.0\.1:3000\/app#\/jobs\/greenhouse%3A1001\|Data Platform Engineer>\* at Harborview Clinics · score \*85\*/,
    );
    assert.match(slack.blocks[0]!.text.text, /<https:\/\/boards\.greenhouse\.io\/harborview\/jobs\/1001\|the posting>/);

    assert.equal(f.smtp.messages.length, 1);
    const mail = f.smtp.messages[0]!;
    assert.equal(mail.subject, 'New job: Data Platform Engineer at Harborview Clinics (score 85)');
    assert.match(mail.text ?? '', /In jobpipe: http:\/\/127\.0\.0\.1:3000\/app#\/jobs\/greenhouse%3A1001/);
    assert.match(String(mail.html), /<a href="http:\/\/127\.0\.0\.1:3000\/app#\/jobs\/greenhouse%3A1001">Data Platform Engineer<\/a>/);
    assert.deepEqual([mail.from?.text, (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.text], ['jobpipe@example.org', 'me@example.org']);
    assert.match(mail.messageId ?? '', /@notifier\.jobpipe>$/);
  });

  test('a job below the threshold sends nothing and stores nothing', async () => {
    await notifyScoredJob(f.h.context, scoredJob('greenhouse:1002', 79.5));
    assert.equal(f.receiver.received.length, 0);
    assert.equal(f.smtp.messages.length, 0);
    assert.deepEqual(await collect(f.h.ports.tables.scanAll('notifications')), []);
  });

  test('a receiver that fails is retried: the event fails naming the target, the others are not sent twice, the retry delivers once', async () => {
    f.receiver.failNext(503);
    f.smtp.refuseNext(451);
    const event = scoredJob('greenhouse:1003', 88);
    // Targets are served in order: hooks (503), team-slack (200), me-by-mail (451).
    const failure = await notifyScoredJob(f.h.context, event).then(
      () => assert.fail('should have failed'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof TransientError);
    assert.match(failure.message, /target 'hooks': the webhook answered 503/);
    assert.match(failure.message, /target 'me-by-mail': the SMTP server answered 451/);
    assert.equal((await f.h.context.store.status('hooks'))?.failuresInRow, 1);
    assert.equal(f.receiver.at(SLACK_PATH).length, 1);

    await notifyScoredJob(f.h.context, event);
    assert.equal(f.receiver.at(GENERIC_PATH).length, 1);
    assert.equal(f.receiver.at(SLACK_PATH).length, 1, 'slack was served before and is not sent again');
    assert.equal(f.smtp.messages.length, 1);
    assert.equal((await f.h.context.store.status('hooks'))?.failuresInRow, 0);
  });

  test('a receiver that refuses (4xx) or a URL to a host the target does not allow fails permanently', async () => {
    f.receiver.failNext(404);
    await f.h.setTargets([{ name: 'hooks', kind: 'webhook', allowPrivateHosts: ['127.0.0.1'] }], { notifyThreshold: 80 });
    await assert.rejects(notifyScoredJob(f.h.context, scoredJob('greenhouse:1004', 90)), (error: unknown) => {
      assert.ok(error instanceof PermanentError);
      assert.match(error.message, /target 'hooks': the webhook answered 404/);
      return true;
    });

    await f.h.setTargets([{ name: 'hooks', kind: 'webhook' }], { notifyThreshold: 80 });
    await assert.rejects(notifyScoredJob(f.h.context, scoredJob('greenhouse:1005', 90)), (error: unknown) => {
      assert.ok(error instanceof PermanentError);
      assert.match(error.message, /target 'hooks': the webhook URL points at '127\.0\.0\.1', a loopback address/);
      assert.doesNotMatch(error.message, /generic-token/);
      return true;
    });
    assert.equal(f.receiver.received.length, 0);
  });
});
