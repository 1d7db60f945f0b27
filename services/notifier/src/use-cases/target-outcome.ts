import type { NotificationStore } from '../adapters/notification-store.js';
import { notificationKeys } from '../adapters/notification-store.js';

/** Records that a target took a notification (its failure count starts again). */
export async function recordDelivered(store: NotificationStore, target: string, now: Date): Promise<void> {
  const previous = await store.status(target);
  await store.putStatus({
    key: notificationKeys.status(target),
    statusOf: target,
    lastDeliveredAt: now.toISOString(),
    lastFailedAt: previous?.lastFailedAt ?? null,
    lastError: previous?.lastError ?? null,
    failuresInRow: 0,
    updatedAt: now.toISOString(),
  });
}

/** Records a failed delivery with its reason (which names the target, never its URL or secret). */
export async function recordFailed(store: NotificationStore, target: string, reason: string, now: Date): Promise<void> {
  const previous = await store.status(target);
  await store.putStatus({
    key: notificationKeys.status(target),
    statusOf: target,
    lastDeliveredAt: previous?.lastDeliveredAt ?? null,
    lastFailedAt: now.toISOString(),
    lastError: reason.slice(0, 500),
    failuresInRow: (previous?.failuresInRow ?? 0) + 1,
    updatedAt: now.toISOString(),
  });
}
