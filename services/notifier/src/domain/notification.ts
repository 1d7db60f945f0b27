import { createHash } from 'node:crypto';
import type { JobNotice } from './job-notice.js';

/** One job announced as soon as it was scored. */
export interface InstantNotification {
  readonly kind: 'instant';
  /** Stable per target and job: receivers may drop a repeat by it (`Idempotency-Key`, email Message-ID). */
  readonly id: string;
  readonly cockpitUrl: string;
  readonly job: JobNotice;
}

/** The day's jobs for one target, best first. */
export interface DigestNotification {
  readonly kind: 'digest';
  /** Stable per target and digest request. */
  readonly id: string;
  readonly cockpitUrl: string;
  /** The day the digest covers (the request's date, UTC). */
  readonly day: string;
  /** The jobs listed one by one. */
  readonly jobs: readonly JobNotice[];
  /** Jobs in the digest beyond those listed (counted, and linked to the cockpit's inbox). */
  readonly more: number;
}

/** A message the user asked for (settings, `jobpipe notify test`) to see that a target works; it lists no job. */
export interface TestNotification {
  readonly kind: 'test';
  /** Stable per target and test request. */
  readonly id: string;
  /** The request the user made (the settings and the CLI look for its outcome by it). */
  readonly requestId: string;
  readonly cockpitUrl: string;
  /** The target's name, said in the message so the reader knows which target reached them. */
  readonly target: string;
  readonly requestedAt: string;
}

/** What a target is sent. */
export type Notification = InstantNotification | DigestNotification | TestNotification;

function notificationId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}

/** The instant notification of a job for a target. */
export function instantNotification(target: string, job: JobNotice, cockpitUrl: string): InstantNotification {
  return { kind: 'instant', id: notificationId('instant', target, job.jobId), cockpitUrl, job };
}

/** A digest for a target: the best `listed` jobs by score, the rest counted. */
export function digestNotification(
  target: string,
  requestId: string,
  day: string,
  jobs: readonly JobNotice[],
  listed: number,
  cockpitUrl: string,
): DigestNotification {
  const best = [...jobs].sort((a, b) => b.score - a.score || a.jobId.localeCompare(b.jobId));
  return {
    kind: 'digest',
    id: notificationId('digest', target, requestId),
    cockpitUrl,
    day,
    jobs: best.slice(0, listed),
    more: Math.max(0, best.length - listed),
  };
}

/** The test notification of a target for one request. */
export function testNotification(target: string, requestId: string, requestedAt: string, cockpitUrl: string): TestNotification {
  return { kind: 'test', id: notificationId('test', target, requestId), requestId, cockpitUrl, target, requestedAt };
}

/** The jobs a notification lists one by one. */
export function listedJobs(notification: Notification): readonly JobNotice[] {
  if (notification.kind === 'instant') return [notification.job];
  return notification.kind === 'digest' ? notification.jobs : [];
}

/** Jobs a digest covers beyond those it lists (0 for other notifications). */
export function unlistedJobs(notification: Notification): number {
  return notification.kind === 'digest' ? notification.more : 0;
}

/** How many jobs a notification covers. */
export function jobCount(notification: Notification): number {
  return listedJobs(notification).length + unlistedJobs(notification);
}

/** What a test notification says besides its headline. */
export function testMessage(notification: TestNotification): string {
  return `This is a test from jobpipe, asked for at ${notification.requestedAt}: target '${notification.target}' works, and new jobs will arrive here like this.`;
}

/** One line naming what a notification is about (a subject line, a chat fallback). */
export function headline(notification: Notification): string {
  if (notification.kind === 'instant') {
    const { job } = notification;
    return `New job: ${job.title} at ${job.company} (score ${Math.round(job.score)})`;
  }
  if (notification.kind === 'test') return `jobpipe test notification for ${notification.target}`;
  const count = jobCount(notification);
  return `jobpipe digest for ${notification.day}: ${count} new job${count === 1 ? '' : 's'}`;
}
