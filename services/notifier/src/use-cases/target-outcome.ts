import type { NotificationTargetStatusItem } from '@jobpipe/contracts';
import type { NotificationStore } from '../adapters/notification-store.js';
import { notificationKeys } from '../adapters/notification-store.js';

/** The test request a delivery or failure answers, if it was a test. */
type TestRequest = { readonly requestId: string } | undefined;

function lastTestOf(
  previous: NotificationTargetStatusItem | undefined,
  test: TestRequest,
  delivered: boolean,
  now: Date,
): Pick<NotificationTargetStatusItem, 'lastTest'> {
  if (test) return { lastTest: { requestId: test.requestId, delivered, at: now.toISOString() } };
  return previous?.lastTest ? { lastTest: previous.lastTest } : {};
}

/** Records that a target took a notification (its failure count starts again); `test` when it was a test the user asked for. */
export async function recordDelivered(store: NotificationStore, target: string, now: Date, test?: TestRequest): Promise<void> {
  const previous = await store.status(target);
  await store.putStatus({
    key: notificationKeys.status(target),
    statusOf: target,
    lastDeliveredAt: now.toISOString(),
    lastFailedAt: previous?.lastFailedAt ?? null,
    lastError: previous?.lastError ?? null,
    failuresInRow: 0,
    ...lastTestOf(previous, test, true, now),
    updatedAt: now.toISOString(),
  });
}

/** Records a failed delivery with its reason (which names the target, never its URL or secret); `test` as above. */
export async function recordFailed(store: NotificationStore, target: string, reason: string, now: Date, test?: TestRequest): Promise<void> {
  const previous = await store.status(target);
  await store.putStatus({
    key: notificationKeys.status(target),
    statusOf: target,
    lastDeliveredAt: previous?.lastDeliveredAt ?? null,
    lastFailedAt: now.toISOString(),
    lastError: reason.slice(0, 500),
    failuresInRow: (previous?.failuresInRow ?? 0) + 1,
    ...lastTestOf(previous, test, false, now),
    updatedAt: now.toISOString(),
  });
}
