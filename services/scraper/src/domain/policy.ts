/**
 * How politely and how robustly one source is read. Policy is data: defaults per source here,
 * overridden per deployment through config (tests and the replay demo raise the limits).
 */
export interface SourcePolicy {
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** Requests started per second (rate limit). */
  readonly requestsPerSecond: number;
  /** Attempts after the first one, for transport faults, 429, 5xx. */
  readonly retries: number;
  /** Base of the exponential backoff (doubles per attempt, plus up to the same again as jitter). */
  readonly backoffBaseMs: number;
  /** Longest wait between attempts, whatever the backoff or Retry-After says. */
  readonly backoffMaxMs: number;
  /** Per-attempt timeout. */
  readonly timeoutMs: number;
  /** Largest body accepted; bigger answers are refused without reading them whole. */
  readonly maxBodyBytes: number;
  /** Circuit breaker: failure percentage in the rolling window that opens it. */
  readonly breakerErrorPercentage: number;
  /** Circuit breaker: calls in the window before it may open. */
  readonly breakerVolumeThreshold: number;
  /** Circuit breaker: how long it stays open before letting one trial call through (half-open). */
  readonly breakerResetMs: number;
  /** Page size asked of paged search APIs. */
  readonly pageSize: number;
  /** Search pages read at most per run, unless the request asks for fewer. */
  readonly maxPages: number;
  /** Send ETag/Last-Modified validators and accept 304 Not Modified. */
  readonly conditionalRequests: boolean;
  /** Send a realistic browser header set (HTML pages), the same on every request of a client, as one browser does; API sources get plain headers. */
  readonly browserHeaders: boolean;
  /** A run with zero postings where the previous run of the same search had at least this many is drift. */
  readonly driftMinimum: number;
}

/** The policy of an API source unless its module says otherwise (`sources/<name>/index.ts`). */
export const API_POLICY_DEFAULTS: SourcePolicy = {
  concurrency: 4,
  requestsPerSecond: 5,
  retries: 4,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  timeoutMs: 20_000,
  maxBodyBytes: 5 * 1024 * 1024,
  breakerErrorPercentage: 50,
  breakerVolumeThreshold: 10,
  breakerResetMs: 30_000,
  pageSize: 100,
  maxPages: 10,
  conditionalRequests: true,
  browserHeaders: false,
  driftMinimum: 5,
};

/** A policy with some fields replaced, checked for sense. */
export function withOverrides(base: SourcePolicy, overrides: Partial<SourcePolicy>): SourcePolicy {
  const merged = { ...base, ...overrides };
  for (const [name, value] of Object.entries(merged)) {
    if (typeof value === 'number' && (!Number.isFinite(value) || value < 0)) throw new RangeError(`policy ${name} must be a number >= 0`);
  }
  if (merged.concurrency < 1 || merged.requestsPerSecond <= 0 || merged.pageSize < 1 || merged.maxPages < 1) {
    throw new RangeError('policy concurrency, requestsPerSecond, pageSize and maxPages must be positive');
  }
  return Object.freeze(merged);
}
