import type { Clock, Logger } from '@jobpipe/shared';
import type { NotificationStore } from '../adapters/notification-store.js';
import type { ResolvedTarget } from '../domain/notification-targets.js';
import type { NotificationSender } from '../ports/notification-sender.js';

/** What the notifier's use-cases work with. */
export interface NotifierContext {
  readonly store: NotificationStore;
  readonly sender: NotificationSender;
  readonly clock: Clock;
  /** The notification targets of the stored config, read at each event (a change applies at once). */
  targets(): Promise<ResolvedTarget[]>;
  readonly cockpitUrl: string;
  readonly digestListed: number;
  readonly logger: Logger;
}

/**
 * How long a claim (a delivery or digest being sent) holds: a sender that died mid-send leaves its claim,
 * which another delivery of the event takes over after this long (the notifier queue's visibility timeout).
 */
export const CLAIM_SECONDS = 120;

/** Whether a claim made at `claimedAt` has lapsed by `now`. */
export function claimLapsed(claimedAt: string | undefined, now: Date): boolean {
  return claimedAt === undefined || now.getTime() - Date.parse(claimedAt) >= CLAIM_SECONDS * 1000;
}
