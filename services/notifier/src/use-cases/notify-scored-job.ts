import type { EventDataMap, NotificationDeliveryItem } from '@jobpipe/contracts';
import { TransientError } from '@jobpipe/shared';
import { type JobNotice, noticeOfScoredJob } from '../domain/job-notice.js';
import { instantNotification } from '../domain/notification.js';
import { deliveryPlan, type ResolvedTarget } from '../domain/notification-targets.js';
import { forEveryTarget } from './delivery-failures.js';
import { deliveryItem } from './delivery-items.js';
import { claimLapsed, type NotifierContext } from './notifier-context.js';
import { isJobClosed } from './posting-closure.js';
import { takeInstantToken } from './rate-limit.js';
import { sendToTarget } from './send-to-target.js';

/** Seconds before another try when a concurrent delivery of the same job holds the claim. */
const CLAIM_HELD_RETRY_SECONDS = 30;

function raced(target: string, jobId: string): TransientError {
  return new TransientError(
    'DELIVERY_RACE',
    `target '${target}': job ${jobId} is being handled by another delivery of the event`,
    CLAIM_HELD_RETRY_SECONDS,
  );
}

/**
 * Claims the job for the target (only one delivery of the event wins), sends it, and marks it sent. A
 * failed send gives the claim back as it was (queued, or nothing), so the retry starts over.
 */
async function sendInstant(
  context: NotifierContext,
  target: ResolvedTarget,
  notice: JobNotice,
  current: NotificationDeliveryItem | undefined,
  now: Date,
): Promise<void> {
  const claim = deliveryItem(target.name, notice, (current?.revision ?? 0) + 1, now, {
    status: 'sending',
    via: 'instant',
    claimedAt: now.toISOString(),
  });
  if (!(await context.store.putDelivery(claim, current?.revision))) throw raced(target.name, notice.jobId);
  try {
    await sendToTarget(context, target, instantNotification(target.name, notice, context.cockpitUrl));
  } catch (error) {
    if (current) await context.store.putDelivery({ ...current, revision: claim.revision + 1 }, claim.revision);
    else await context.store.deleteDelivery(target.name, notice.jobId);
    throw error;
  }
  const sentAt = context.clock.now();
  const sent = deliveryItem(target.name, notice, claim.revision + 1, sentAt, {
    status: 'sent',
    via: 'instant',
    claimedAt: claim.claimedAt ?? now.toISOString(),
    sentAt: sentAt.toISOString(),
  });
  await context.store.putDelivery(sent, claim.revision);
}

/** Keeps the job for the target's next digest (with its latest score). */
async function queueForDigest(
  context: NotifierContext,
  target: ResolvedTarget,
  notice: JobNotice,
  current: NotificationDeliveryItem | undefined,
  now: Date,
): Promise<void> {
  if (current?.status === 'queued' && current.score === notice.score) return;
  const queued = deliveryItem(target.name, notice, (current?.revision ?? 0) + 1, now, { status: 'queued', queuedFor: target.name });
  if (!(await context.store.putDelivery(queued, current?.revision))) throw raced(target.name, notice.jobId);
}

/**
 * One target's part of a scored job: nothing below its thresholds; sent at once from `minScore` on while
 * its token bucket has a token, else kept for the digest (as from `digestMinScore` on). A job sent to the
 * target is never sent to it again (not on a redelivered event, not on a rescore); a job below every
 * threshold costs no read.
 */
async function notifyTarget(context: NotifierContext, target: ResolvedTarget, notice: JobNotice): Promise<void> {
  const plan = deliveryPlan(target, notice.score);
  if (plan === 'none') return;
  const now = context.clock.now();
  const current = await context.store.delivery(target.name, notice.jobId);
  if (current?.status === 'sent') return;
  if (current?.status === 'sending' && !claimLapsed(current.claimedAt, now)) throw raced(target.name, notice.jobId);
  if (plan === 'instant' && (await takeInstantToken(context.store, target.name, target.maxPerHour, now))) {
    await sendInstant(context, target, notice, current, now);
    return;
  }
  await queueForDigest(context, target, notice, current, now);
}

/**
 * `job.scored` for every target of the stored config, unless the job's posting is closed. Targets served are not sent to again when the
 * event comes back after another target failed; the error names every target that failed.
 */
export async function notifyScoredJob(context: NotifierContext, scored: EventDataMap['job.scored']): Promise<void> {
  const targets = await context.targets();
  if (targets.length === 0) return;
  // A posting closed before (or while) it was scored is no news: the recommender scores it once all the same.
  if (await isJobClosed(context, scored.jobId)) return;
  const notice = noticeOfScoredJob(scored);
  await forEveryTarget(targets, (target) => notifyTarget(context, target, notice));
}
