import { cockpitJobLink, type JobNotice, placeOf } from './job-notice.js';
import { headline, listedJobs, type Notification, testMessage, unlistedJobs } from './notification.js';

/** A job as the generic JSON webhook carries it. */
export interface WebhookJob {
  readonly jobId: string;
  readonly title: string;
  readonly company: string;
  readonly score: number;
  readonly scoredAt: string;
  readonly locations: readonly string[];
  readonly remote: boolean | null;
  readonly reasons: readonly string[];
  /** The posting on its job board. */
  readonly postingUrl: string;
  /** The job's page in the cockpit. */
  readonly link: string;
}

/** The generic webhook's JSON body. */
export interface WebhookBody {
  readonly type: 'jobpipe.job' | 'jobpipe.digest' | 'jobpipe.test';
  readonly id: string;
  readonly text: string;
  /** A test notification's message (it lists no job). */
  readonly message?: string;
  readonly day?: string;
  readonly jobs: readonly WebhookJob[];
  /** Jobs of a digest beyond those listed. */
  readonly more: number;
  readonly cockpitUrl: string;
}

function webhookJob(job: JobNotice, cockpitUrl: string): WebhookJob {
  return {
    jobId: job.jobId,
    title: job.title,
    company: job.company,
    score: job.score,
    scoredAt: job.scoredAt,
    locations: job.locations,
    remote: job.remote,
    reasons: job.reasons,
    postingUrl: job.canonicalUrl,
    link: cockpitJobLink(cockpitUrl, job.jobId),
  };
}

const WEBHOOK_TYPES = { instant: 'jobpipe.job', digest: 'jobpipe.digest', test: 'jobpipe.test' } as const;

/**
 * The generic JSON body: the same shape for one job, a digest and a test (`jobs` has one entry, many,
 * or none; a test carries its `message`).
 */
export function genericWebhookBody(notification: Notification): WebhookBody {
  return {
    type: WEBHOOK_TYPES[notification.kind],
    id: notification.id,
    text: headline(notification),
    ...(notification.kind === 'test' ? { message: testMessage(notification) } : {}),
    ...(notification.kind === 'digest' ? { day: notification.day } : {}),
    jobs: listedJobs(notification).map((job) => webhookJob(job, notification.cockpitUrl)),
    more: unlistedJobs(notification),
    cockpitUrl: notification.cockpitUrl,
  };
}

/** Slack's limits: 50 blocks a message, 3000 characters a section's text. */
const SLACK_MAX_BLOCKS = 50;
const SLACK_SECTION_CHARS = 3000;

/** Slack reads `&`, `<` and `>` as markup (`<!channel>` would ping everyone): posting text is escaped. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link in Slack's mrkdwn: `<url|label>`. */
function slackLink(url: string, label: string): string {
  return `<${url.replace(/[|<>]/g, encodeURIComponent)}|${slackEscape(label).replace(/\|/g, '¦')}>`;
}

function section(text: string) {
  const cut = text.length > SLACK_SECTION_CHARS ? `${text.slice(0, SLACK_SECTION_CHARS - 1)}…` : text;
  return { type: 'section', text: { type: 'mrkdwn', text: cut } };
}

function slackJob(job: JobNotice, cockpitUrl: string): string {
  const place = placeOf(job);
  const lines = [
    `*${slackLink(cockpitJobLink(cockpitUrl, job.jobId), job.title)}* at ${slackEscape(job.company)} · score *${Math.round(job.score)}*`,
    ...(place ? [slackEscape(place)] : []),
    ...job.reasons.map((reason) => `• ${slackEscape(reason)}`),
    slackLink(job.canonicalUrl, 'the posting'),
  ];
  return lines.join('\n');
}

/** A Slack-compatible incoming-webhook body: `text` (the notification's fallback) and `blocks` (mrkdwn sections). */
export function slackWebhookBody(notification: Notification) {
  const text = slackEscape(headline(notification));
  if (notification.kind === 'instant') return { text, blocks: [section(slackJob(notification.job, notification.cockpitUrl))] };
  if (notification.kind === 'test') {
    const body = `*${text}*\n${slackEscape(testMessage(notification))}\n${slackLink(notification.cockpitUrl, 'Open the cockpit')}`;
    return { text, blocks: [section(body)] };
  }
  // A header section, one section per job, and a closing section when some are not listed.
  const room = SLACK_MAX_BLOCKS - 2;
  const listed = notification.jobs.slice(0, room);
  const unlisted = notification.more + notification.jobs.length - listed.length;
  const blocks = [
    section(`*${text}*`),
    ...listed.map((job) => section(slackJob(job, notification.cockpitUrl))),
    ...(unlisted > 0 ? [section(`…and ${unlisted} more in ${slackLink(notification.cockpitUrl, 'the cockpit')}`)] : []),
  ];
  return { text, blocks };
}
