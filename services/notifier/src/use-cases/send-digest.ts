import type { EventDataMap, NotificationDeliveryItem, NotificationDigestItem } from '@jobpipe/contracts';
import { collect, TransientError } from '@jobpipe/shared';
import { notificationKeys } from '../adapters/notification-store.js';
import { digestNotification } from '../domain/notification.js';
import type { ResolvedTarget } from '../domain/notification-targets.js';
import { forEveryTarget } from './delivery-failures.js';
import { deliveryItem, noticeOfDelivery } from './delivery-items.js';
import { claimLapsed, type NotifierContext } from './notifier-context.js';
import { isJobClosed } from './posting-closure.js';
import { sendToTarget } from './send-to-target.js';

/** Tries to mark a delivery sent when a rescore rewrote it meanwhile. */
const MARK_TRIES = 3;

/** Marks a delivery the digest carried as sent (re-reading it if a rescore changed it meanwhile). */
async function markSentByDigest(context: NotifierContext, delivered: NotificationDeliveryItem, now: Date): Promise<void> {
  let item: NotificationDeliveryItem | undefined = delivered;
  for (let attempt = 0; attempt < MARK_TRIES && item?.status === 'queued'; attempt += 1) {
    const sent = deliveryItem(item.target, noticeOfDelivery(item), item.revision + 1, now, {
      status: 'sent',
      via: 'digest',
      claimedAt: now.toISOString(),
      sentAt: now.toISOString(),
    });
    if (await context.store.putDelivery(sent, item.revision)) return;
    item = await context.store.delivery(item.target, item.jobId);
  }
}

/** The queued deliveries whose posting is not closed (a closed one stays queued: reopened, it is in a later digest). */
async function openJobsOf(context: NotifierContext, queued: readonly NotificationDeliveryItem[]): Promise<NotificationDeliveryItem[]> {
  const open: NotificationDeliveryItem[] = [];
  for (const item of queued) if (!(await isJobClosed(context, item.jobId))) open.push(item);
  return open;
}

/**
 * One target's digest: every open job queued for it (best first, `digestListed` listed and the rest counted)
 * in one message, then each marked sent. The target's digest cursor makes a request go out once: a
 * second delivery of the same request finds it sent (or claimed, and retries after the claim).
 */
async function digestTarget(
  context: NotifierContext,
  target: ResolvedTarget,
  request: EventDataMap['notification.digest-requested'],
): Promise<void> {
  const now = context.clock.now();
  const cursor = await context.store.digest(target.name);
  if (cursor?.requestId === request.requestId && cursor.status === 'sent') return;
  if (cursor?.status === 'sending' && !claimLapsed(cursor.claimedAt, now))
    throw new TransientError('DIGEST_RACE', `target '${target.name}': a digest is being sent`, 30);
  const queued = await openJobsOf(context, await collect(context.store.queuedFor(target.name)));
  if (queued.length === 0) return;
  const claim: NotificationDigestItem = {
    key: notificationKeys.digest(target.name),
    digestOf: target.name,
    requestId: request.requestId,
    status: 'sending',
    revision: (cursor?.revision ?? 0) + 1,
    claimedAt: now.toISOString(),
    jobs: queued.length,
  };
  if (!(await context.store.putDigest(claim, cursor?.revision)))
    throw new TransientError('DIGEST_RACE', `target '${target.name}': a digest is being sent`, 30);
  const notification = digestNotification(
    target.name,
    request.requestId,
    request.requestedAt.slice(0, 10),
    queued.map(noticeOfDelivery),
    context.digestListed,
    context.cockpitUrl,
  );
  try {
    await sendToTarget(context, target, notification);
  } catch (error) {
    await context.store.restoreDigest(target.name, cursor);
    throw error;
  }
  const sentAt = context.clock.now();
  for (const item of queued) await markSentByDigest(context, item, sentAt);
  await context.store.putDigest({ ...claim, status: 'sent', sentAt: sentAt.toISOString(), revision: claim.revision + 1 }, claim.revision);
}

/** `notification.digest-requested`: each target gets the jobs waiting for it, in one message. */
export async function sendDigests(context: NotifierContext, request: EventDataMap['notification.digest-requested']): Promise<void> {
  const targets = await context.targets();
  await forEveryTarget(targets, (target) => digestTarget(context, target, request));
}
