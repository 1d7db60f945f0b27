/** A target's instant notifications left, as of a moment (refilled continuously up to the hourly cap). */
export interface TokenBucket {
  readonly tokens: number;
  readonly refilledAt: Date;
}

/** The bucket refilled to `now` at `perHour` tokens an hour, never above `perHour`; a new bucket is full. */
export function refill(bucket: TokenBucket | undefined, perHour: number, now: Date): TokenBucket {
  if (!bucket) return { tokens: perHour, refilledAt: now };
  const elapsedHours = Math.max(0, now.getTime() - bucket.refilledAt.getTime()) / 3_600_000;
  return { tokens: Math.min(perHour, bucket.tokens + elapsedHours * perHour), refilledAt: now };
}

/**
 * Takes one token at `now`: the bucket after taking it, or undefined when none is left (the caller folds
 * the notification into the digest). A burst of up to `perHour` goes out at once; after it, one every
 * `3600 / perHour` seconds.
 */
export function takeToken(bucket: TokenBucket | undefined, perHour: number, now: Date): TokenBucket | undefined {
  const refilled = refill(bucket, perHour, now);
  if (refilled.tokens < 1) return undefined;
  return { tokens: refilled.tokens - 1, refilledAt: refilled.refilledAt };
}
