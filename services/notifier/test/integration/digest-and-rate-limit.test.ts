import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { EventDataMap } from '@jobpipe/contracts';
import { notifyScoredJob } from '../../src/use-cases/notify-scored-job.js';
import { sendDigests } from '../../src/use-cases/send-digest.js';
import { scoredJob } from '../support/harness.js';
import { notifierFixture } from '../support/notifier-fixture.js';
import { sinkEmail } from '../support/smtp-sink.js';

const GENERIC_PATH = '/hooks/generic';
const SLACK_PATH = '/services/T0001/B0001/slack';

function digestRequest(requestId: string, requestedAt = '2026-12-01T19:00:00.000Z'): EventDataMap['notification.digest-requested'] {
  return { requestId, requestedAt };
}

type WebhookBody = { type: string; day?: string; more: number; jobs: { jobId: string; score: number; link: string }[] };

describe('the daily digest and the rate limit', () => {
  const f = notifierFixture();
  const generic = () => f.receiver.at(GENERIC_PATH).map((request) => request.body as WebhookBody);

  beforeEach(async () => {
    await f.h.ports.secrets().put('notify/hooks', `${f.receiver.origin}${GENERIC_PATH}`);
    await f.h.ports.secrets().put('notify/team-slack', `${f.receiver.origin}${SLACK_PATH}`);
    await f.h.ports.secrets().put('notify/me-by-mail', f.smtp.password);
  });

  test("the digest collects the day's jobs between the digest and instant thresholds, best first, once per request", async () => {
    await f.h.setTargets([
      { name: 'hooks', kind: 'webhook', minScore: 80, digestMinScore: 60, allowPrivateHosts: ['127.0.0.1'] },
      { name: 'team-slack', kind: 'slack', instant: false, digestMinScore: 60, allowPrivateHosts: ['127.0.0.1'] },
      {
        name: 'me-by-mail',
        kind: 'email',
        instant: false,
        digestMinScore: 60,
        allowPrivateHosts: ['127.0.0.1'],
        email: sinkEmail(f.smtp),
      },
    ]);
    for (const [id, score] of [
      ['greenhouse:2001', 85],
      ['greenhouse:2002', 65],
      ['greenhouse:2003', 72],
      ['greenhouse:2004', 50],
    ] as const)
      await notifyScoredJob(f.h.context, scoredJob(id, score));
    assert.deepEqual(
      generic().map((body) => [body.type, body.jobs.map((job) => job.jobId)]),
      [['jobpipe.job', ['greenhouse:2001']]],
    );

    await sendDigests(f.h.context, digestRequest('digest-1'));
    await sendDigests(f.h.context, digestRequest('digest-1')); // the same request delivered again
    await sendDigests(f.h.context, digestRequest('digest-2')); // nothing new since

    const digests = generic().filter((body) => body.type === 'jobpipe.digest');
    assert.deepEqual(
      digests.map((body) => [body.day, body.jobs.map((job) => job.jobId), body.more]),
      [['2026-12-01', ['greenhouse:2003', 'greenhouse:2002'], 0]],
      'the instant job is not repeated, the one under 60 is left out',
    );
    const slack = f.receiver.at(SLACK_PATH).map((request) => request.body as { text: string; blocks: { text: { text: string } }[] });
    assert.equal(slack.length, 1);
    assert.equal(slack[0]!.text, 'jobpipe digest for 2026-12-01: 3 new jobs');
    assert.deepEqual(
      slack[0]!.blocks.map((block) => /jobs\/(greenhouse%3A\d+)/.exec(block.text.text)?.[1] ?? 'header'),
      ['header', 'greenhouse%3A2001', 'greenhouse%3A2003', 'greenhouse%3A2002'],
    );
    assert.equal(f.smtp.messages.length, 1);
    assert.equal(f.smtp.messages[0]!.subject, 'jobpipe digest for 2026-12-01: 3 new jobs');
    assert.match(
      f.smtp.messages[0]!.text ?? '',
      /Data Platform Engineer at Harborview Clinics \(score 85\)[\s\S]*#\/jobs\/greenhouse%3A2003/,
    );

    await notifyScoredJob(f.h.context, scoredJob('greenhouse:2005', 61));
    await notifyScoredJob(f.h.context, scoredJob('greenhouse:2002', 70)); // a rescore of a job already in a digest
    await sendDigests(f.h.context, digestRequest('digest-3', '2026-12-02T19:00:00.000Z'));
    assert.deepEqual(
      generic()
        .filter((body) => body.type === 'jobpipe.digest')
        .map((body) => [body.day, body.jobs.map((job) => job.jobId)]),
      [
        ['2026-12-01', ['greenhouse:2003', 'greenhouse:2002']],
        ['2026-12-02', ['greenhouse:2005']],
      ],
    );
  });

  test('over its hourly cap a target gets no more instant notifications; the excess goes into the next digest, not lost', async () => {
    await f.h.setTargets([{ name: 'hooks', kind: 'webhook', digest: false, maxPerHour: 2, allowPrivateHosts: ['127.0.0.1'] }], {
      notifyThreshold: 80,
    });
    for (const id of ['lever:a1', 'lever:a2', 'lever:a3', 'lever:a4']) await notifyScoredJob(f.h.context, scoredJob(id, 90));
    assert.deepEqual(
      generic().map((body) => body.jobs[0]!.jobId),
      ['lever:a1', 'lever:a2'],
    );

    f.h.clock.advance(30 * 60_000); // half an hour: one token back
    await notifyScoredJob(f.h.context, scoredJob('lever:a5', 90));
    await notifyScoredJob(f.h.context, scoredJob('lever:a6', 90));
    assert.deepEqual(
      generic().map((body) => body.jobs[0]!.jobId),
      ['lever:a1', 'lever:a2', 'lever:a5'],
    );

    await sendDigests(f.h.context, digestRequest('digest-1'));
    const digest = generic().at(-1)!;
    assert.equal(digest.type, 'jobpipe.digest');
    assert.deepEqual(digest.jobs.map((job) => job.jobId).sort(), ['lever:a3', 'lever:a4', 'lever:a6']);
  });

  test('a digest the receiver fails is sent again on the retry, whole', async () => {
    await f.h.setTargets([{ name: 'hooks', kind: 'webhook', instant: false, digestMinScore: 50, allowPrivateHosts: ['127.0.0.1'] }]);
    await notifyScoredJob(f.h.context, scoredJob('lever:b1', 55));
    await notifyScoredJob(f.h.context, scoredJob('lever:b2', 75));
    f.receiver.failNext(500);
    await assert.rejects(sendDigests(f.h.context, digestRequest('digest-1')), /target 'hooks': the webhook answered 500/);
    await sendDigests(f.h.context, digestRequest('digest-1'));
    await sendDigests(f.h.context, digestRequest('digest-1'));
    assert.deepEqual(
      generic().map((body) => body.jobs.map((job) => job.jobId)),
      [['lever:b2', 'lever:b1']],
    );
  });
});
