import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { EventDataMap } from '@jobpipe/contracts';
import { notifyScoredJob } from '../../src/use-cases/notify-scored-job.js';
import { recordJobClosed, recordJobReopened } from '../../src/use-cases/posting-closure.js';
import { sendDigests } from '../../src/use-cases/send-digest.js';
import { scoredJob } from '../support/harness.js';
import { notifierFixture } from '../support/notifier-fixture.js';

const HOOK_PATH = '/hooks/closed-jobs';

type WebhookBody = { type: string; jobs: { jobId: string }[] };

function closed(jobId: string, closedAt: string): EventDataMap['job.closed'] {
  return { jobId, closedAt, closeReason: 'source-says-closed', firstSeenAt: '2026-11-20T08:00:00.000Z', lastSeenAt: closedAt };
}

function reopened(jobId: string, reopenedAt: string, closedAt: string): EventDataMap['job.reopened'] {
  return { jobId, reopenedAt, closedAt, previousCloseReason: 'source-says-closed', searchId: 'de-sg', runId: 'run-2026-12-03' };
}

describe('a closed job is never notified', () => {
  const f = notifierFixture();
  const bodies = () => f.receiver.at(HOOK_PATH).map((request) => request.body as WebhookBody);
  const digest = (requestId: string) => sendDigests(f.h.context, { requestId, requestedAt: '2026-12-03T19:00:00.000Z' });

  beforeEach(async () => {
    await f.h.ports.secrets().put('notify/hooks', `${f.receiver.origin}${HOOK_PATH}`);
    await f.h.setTargets([{ name: 'hooks', kind: 'webhook', minScore: 80, digestMinScore: 60, allowPrivateHosts: ['127.0.0.1'] }]);
  });

  test('a job.scored of a job closed before it was scored notifies nothing, at once or in the digest', async () => {
    await recordJobClosed(f.h.context, closed('greenhouse:3001', '2026-12-01T06:00:00.000Z'));
    await recordJobClosed(f.h.context, closed('greenhouse:3002', '2026-12-01T06:00:00.000Z'));
    await notifyScoredJob(f.h.context, scoredJob('greenhouse:3001', 92)); // over the instant threshold
    await notifyScoredJob(f.h.context, scoredJob('greenhouse:3002', 70)); // a digest entry
    await notifyScoredJob(f.h.context, scoredJob('greenhouse:3003', 91)); // an open job
    await digest('digest-1');
    assert.deepEqual(
      bodies().map((body) => [body.type, body.jobs.map((job) => job.jobId)]),
      [['jobpipe.job', ['greenhouse:3003']]],
    );
  });

  test('a job closed while it waits for the digest is left out of it, and is in the next digest once reopened', async () => {
    await notifyScoredJob(f.h.context, scoredJob('greenhouse:3101', 70));
    await notifyScoredJob(f.h.context, scoredJob('greenhouse:3102', 65));
    await recordJobClosed(f.h.context, closed('greenhouse:3101', '2026-12-02T06:00:00.000Z'));
    await recordJobClosed(f.h.context, closed('greenhouse:3101', '2026-12-02T06:00:00.000Z')); // delivered again
    await digest('digest-1');
    await recordJobReopened(f.h.context, reopened('greenhouse:3101', '2026-12-04T06:00:00.000Z', '2026-12-02T06:00:00.000Z'));
    await digest('digest-2');
    assert.deepEqual(
      bodies().map((body) => body.jobs.map((job) => job.jobId)),
      [['greenhouse:3102'], ['greenhouse:3101']],
    );
  });

  test('a reopen handled before the older close it follows leaves the job open', async () => {
    await recordJobReopened(f.h.context, reopened('greenhouse:3201', '2026-12-04T06:00:00.000Z', '2026-12-02T06:00:00.000Z'));
    await recordJobClosed(f.h.context, closed('greenhouse:3201', '2026-12-02T06:00:00.000Z'));
    await notifyScoredJob(f.h.context, scoredJob('greenhouse:3201', 90));
    assert.deepEqual(
      bodies().map((body) => body.jobs.map((job) => job.jobId)),
      [['greenhouse:3201']],
    );
  });
});
