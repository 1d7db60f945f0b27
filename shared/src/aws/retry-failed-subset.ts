import pRetry from 'p-retry';

/** Exponential backoff with jitter between attempts. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly retries: number;
  readonly minTimeoutMs: number;
  readonly maxTimeoutMs: number;
}

class StillFailing extends Error {}

/**
 * Runs a batch operation that can partly fail (PutEvents entries, BatchWrite unprocessed items): each
 * attempt gets only the items still failing and returns those that failed again; retried with backoff
 * (p-retry) until none fail or the retries run out. Returns what still failed and how many attempts ran.
 * Errors thrown by `attempt` itself are not retried here (the SDK retries requests on its own).
 */
export async function retryFailedSubset<T>(
  items: readonly T[],
  attempt: (pending: readonly T[]) => Promise<readonly T[]>,
  policy: RetryPolicy,
): Promise<{ failed: readonly T[]; attempts: number }> {
  let pending = items;
  let attempts = 0;
  try {
    await pRetry(
      async () => {
        attempts += 1;
        pending = await attempt(pending);
        if (pending.length > 0) throw new StillFailing();
      },
      {
        retries: policy.retries,
        minTimeout: policy.minTimeoutMs,
        maxTimeout: policy.maxTimeoutMs,
        factor: 2,
        randomize: true,
        shouldRetry: (error) => error instanceof StillFailing,
      },
    );
  } catch (error) {
    if (!(error instanceof StillFailing)) throw error;
  }
  return { failed: pending, attempts };
}
