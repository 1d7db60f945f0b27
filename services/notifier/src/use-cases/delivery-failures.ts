import { PermanentError, TransientError } from '@jobpipe/shared';

/** A target that could not be sent to, and why. */
export interface DeliveryFailure {
  readonly target: string;
  readonly error: unknown;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One error for an event some targets failed on (the others were served and are not sent to again):
 * permanent when every failure is, so the queue dead-letters it at once with every reason; otherwise
 * transient, after the longest Retry-After a target asked for (or the queue's backoff).
 */
export function deliveryFailure(failures: readonly DeliveryFailure[]): Error {
  const reasons = failures.map((failure) => reasonOf(failure.error)).join('; ');
  if (failures.every((failure) => failure.error instanceof PermanentError)) return new PermanentError('NOTIFICATION_REFUSED', reasons);
  const waits = failures.flatMap((failure) =>
    failure.error instanceof TransientError && failure.error.retryAfterSeconds !== undefined ? [failure.error.retryAfterSeconds] : [],
  );
  return new TransientError('NOTIFICATION_FAILED', reasons, waits.length ? Math.max(...waits) : undefined);
}

/** Runs `work` for every target, then throws one error naming each that failed. */
export async function forEveryTarget<T extends { readonly name: string }>(
  targets: readonly T[],
  work: (target: T) => Promise<void>,
): Promise<void> {
  const failures: DeliveryFailure[] = [];
  for (const target of targets) {
    try {
      await work(target);
    } catch (error) {
      failures.push({ target: target.name, error });
    }
  }
  if (failures.length) throw deliveryFailure(failures);
}
