import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JobpipeConfig } from '@jobpipe/contracts';
import { createEmbeddedPorts, readRuntimeConfig, startService } from '@jobpipe/shared';
import { recordingLogger, tempDir, testSecretKey } from '@jobpipe/test-kit';
import { notifierService } from '../../src/app.js';
import { scoredJob } from '../support/harness.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

async function eventually(probe: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('the notifier service on the embedded bus: job.scored published twice reaches the webhook and the SMTP server once, a failing receiver is retried by the queue, and no secret reaches the logs or the dead letters', async (t) => {
  const dir = tempDir('jobpipe-notifier-service-');
  t.after(() => dir.remove());
  const receiver = await startWebhookReceiver();
  t.after(() => receiver.close());
  const smtp = await startSmtpSink('notifier', 'Sm7p-pa55word-never-logged');
  t.after(() => smtp.close());
  const env = {
    JOBPIPE_DATA_DIR: dir.path,
    JOBPIPE_SECRET_KEY: testSecretKey(),
    JOBPIPE_LOG_LEVEL: 'debug',
    JOBPIPE_NOTIFY_COCKPIT_URL: 'http://jobs.home.example/app',
  };
  const hookPath = '/hooks/T0-secret-token-9d8c7b';
  const recommender = createEmbeddedPorts(readRuntimeConfig(env), 'recommender');
  t.after(() => recommender.close());
  await recommender.secrets().put('notify/hooks', `${receiver.origin}${hookPath}`);
  await recommender.secrets().put('notify/mail', smtp.password);
  const config: JobpipeConfig = {
    tracks: [],
    searches: [],
    scoring: { notifyThreshold: 75 },
    notifications: {
      targets: [
        { name: 'hooks', kind: 'webhook', allowPrivateHosts: ['127.0.0.1'] },
        {
          name: 'mail',
          kind: 'email',
          allowPrivateHosts: ['127.0.0.1'],
          email: {
            host: smtp.host,
            port: smtp.port,
            security: 'none',
            user: smtp.user,
            from: 'jobpipe@example.org',
            to: ['me@example.org'],
          },
        },
      ],
    },
  };
  await recommender.tables.put('config', { key: 'current', version: 1, updatedAt: '2026-12-01T08:00:00.000Z', config });

  const lines: string[] = [];
  const service = await startService(notifierService, { env, logger: recordingLogger(lines) });
  t.after(() => service.stop());

  receiver.failNext(500);
  await recommender.publisher.publish([{ detailType: 'job.scored', data: scoredJob('greenhouse:3001', 80) }]);
  await recommender.publisher.publish([{ detailType: 'job.scored', data: scoredJob('greenhouse:3001', 80) }]);
  await eventually(() => receiver.at(hookPath).length === 1 && smtp.messages.length === 1, 'the webhook and the email');
  await new Promise((resolve) => setTimeout(resolve, 2500)); // room for a second (wrong) delivery
  assert.equal(receiver.at(hookPath).length, 1);
  assert.equal(smtp.messages.length, 1);
  const body = receiver.at(hookPath)[0]!.body as { jobs: { link: string }[] };
  assert.equal(body.jobs[0]!.link, 'http://jobs.home.example/app#/jobs/greenhouse%3A3001');
  assert.ok(
    lines.some((line) => line.includes("target 'hooks': the webhook answered 500")),
    'the failure was logged, naming the target',
  );

  // A target whose webhook refuses permanently: the event is dead-lettered with the reason, without the URL.
  receiver.failNext(403);
  await recommender.publisher.publish([{ detailType: 'job.scored', data: scoredJob('greenhouse:3002', 95) }]);
  await eventually(() => lines.some((line) => line.includes('dead-lettering')), 'the dead letter');
  const [deadLetter] = await recommender.deadLetters.list('notifier', 10);
  assert.match(deadLetter?.reason ?? '', /target 'hooks': the webhook answered 403/);

  const everything = [...lines, deadLetter?.reason ?? ''].join('\n');
  for (const secret of ['T0-secret-token-9d8c7b', hookPath, smtp.password]) assert.ok(!everything.includes(secret), `'${secret}' leaked`);
});
