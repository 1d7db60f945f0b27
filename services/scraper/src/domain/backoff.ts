/** What decides the wait before the next attempt. */
export interface BackoffInput {
  /** 1 for the wait after the first failed attempt. */
  readonly attempt: number;
  /** The server's Retry-After, in ms, when it sent one (429/503). */
  readonly retryAfterMs: number | undefined;
  readonly baseMs: number;
  readonly maxMs: number;
  /** A number in [0, 1) (jitter source; injected so tests are deterministic). */
  readonly random: number;
}

/**
 * Wait before the next attempt: the server's Retry-After when given (never less), otherwise
 * exponential backoff with full jitter on top of the base; both capped at `maxMs`.
 * Returns undefined when the server asks for a longer wait than we are willing to hold a request.
 */
export function retryDelayMs(input: BackoffInput): number | undefined {
  if (input.retryAfterMs !== undefined) {
    return input.retryAfterMs > input.maxMs ? undefined : Math.max(1, input.retryAfterMs);
  }
  const exponential = input.baseMs * 2 ** Math.max(0, input.attempt - 1);
  return Math.min(input.maxMs, Math.round(exponential + input.random * exponential));
}
