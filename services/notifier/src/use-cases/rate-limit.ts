import type { NotificationStore } from '../adapters/notification-store.js';
import { type TokenBucket, takeToken } from '../domain/token-bucket.js';

/** Tries before giving up a token to writers racing on the same bucket (the job then waits for the digest). */
const BUCKET_TRIES = 5;

/**
 * Takes one instant notification from the target's token bucket: true when one was left (and is now
 * spent), false when the target is at its hourly cap. Optimistic: a write that lost a race reads again.
 */
export async function takeInstantToken(store: NotificationStore, target: string, perHour: number, now: Date): Promise<boolean> {
  for (let attempt = 0; attempt < BUCKET_TRIES; attempt += 1) {
    const stored = await store.bucket(target);
    const bucket: TokenBucket | undefined = stored && { tokens: stored.tokens, refilledAt: new Date(stored.refilledAt) };
    const taken = takeToken(bucket, perHour, now);
    if (!taken) return false;
    const written = await store.putBucket(
      {
        key: `bucket#${target}`,
        bucketOf: target,
        tokens: taken.tokens,
        refilledAt: taken.refilledAt.toISOString(),
        revision: (stored?.revision ?? 0) + 1,
      },
      stored?.revision,
    );
    if (written) return true;
  }
  return false;
}
