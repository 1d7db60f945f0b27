import type { NotificationDeliveryItem } from '@jobpipe/contracts';
import { notificationKeys } from '../adapters/notification-store.js';
import type { JobNotice } from '../domain/job-notice.js';

/** The state part of a delivery item: queued for a digest, claimed by a send under way, or sent. */
export type DeliveryState =
  | { readonly status: 'queued'; readonly queuedFor: string }
  | { readonly status: 'sending'; readonly via: 'instant' | 'digest'; readonly claimedAt: string }
  | { readonly status: 'sent'; readonly via: 'instant' | 'digest'; readonly claimedAt: string; readonly sentAt: string };

/** A delivery item of a job for a target in the given state. */
export function deliveryItem(
  target: string,
  notice: JobNotice,
  revision: number,
  now: Date,
  state: DeliveryState,
): NotificationDeliveryItem {
  return {
    key: notificationKeys.delivery(target, notice.jobId),
    target,
    jobId: notice.jobId,
    revision,
    score: notice.score,
    scoredAt: notice.scoredAt,
    job: {
      title: notice.title,
      company: notice.company,
      canonicalUrl: notice.canonicalUrl,
      locations: [...notice.locations],
      remote: notice.remote,
      reasons: [...notice.reasons],
    },
    updatedAt: now.toISOString(),
    ...state,
  };
}

/** The notice a stored delivery holds (what a digest lists). */
export function noticeOfDelivery(item: NotificationDeliveryItem): JobNotice {
  return {
    jobId: item.jobId,
    title: item.job.title,
    company: item.job.company,
    canonicalUrl: item.job.canonicalUrl,
    score: item.score,
    scoredAt: item.scoredAt,
    locations: item.job.locations ?? [],
    remote: item.job.remote ?? null,
    reasons: item.job.reasons,
  };
}
