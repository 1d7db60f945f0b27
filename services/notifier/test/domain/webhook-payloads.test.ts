import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JobNotice } from '../../src/domain/job-notice.js';
import { digestNotification, instantNotification } from '../../src/domain/notification.js';
import { slackWebhookBody } from '../../src/domain/webhook-payloads.js';

const job = (jobId: string, score: number, title = 'Engineer'): JobNotice => ({
  jobId,
  title,
  company: 'Acme <Labs> & Co',
  canonicalUrl: 'https://jobs.example.org/a?b=1&c=<2>',
  score,
  scoredAt: '2026-12-01T08:00:00.000Z',
  locations: [],
  remote: true,
  reasons: ['<!channel> look'],
});

test('Slack text is escaped, so a posting cannot ping a channel or break a link', () => {
  const body = slackWebhookBody(instantNotification('team', job('lever:x1', 80, 'Dev | <ops>'), 'https://jobpipe.example/app'));
  const text = body.blocks[0]!.text.text;
  assert.match(text, /^\*<https:\/\/jobpipe\.example\/app#\/jobs\/lever%3Ax1\|Dev ¦ &lt;ops&gt;>\* at Acme &lt;Labs&gt; &amp; Co/);
  assert.match(text, /• &lt;!channel&gt; look/);
  assert.match(text, /<https:\/\/jobs\.example\.org\/a\?b=1&c=%3C2%3E\|the posting>/);
  assert.equal(body.text, 'New job: Dev | &lt;ops&gt; at Acme &lt;Labs&gt; &amp; Co (score 80)');
});

test('a Slack digest stays within 50 blocks and counts the jobs it does not list', () => {
  const jobs = Array.from({ length: 70 }, (_, i) => job(`lever:j${i}`, 50 + (i % 40)));
  const body = slackWebhookBody(digestNotification('team', 'r1', '2026-12-01', jobs, 60, 'https://jobpipe.example/app'));
  assert.equal(body.blocks.length, 50);
  assert.match(body.blocks.at(-1)!.text.text, /^…and 22 more in <https:\/\/jobpipe\.example\/app\|the cockpit>$/);
  assert.equal(body.text, 'jobpipe digest for 2026-12-01: 70 new jobs');
});
