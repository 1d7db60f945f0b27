import { SeededRandom } from './seeded-random.js';

/**
 * Transport faults the replay can inject, each one a real source does now and then:
 * `error` 500, `throttle` 429 with Retry-After, `unavailable` 503 with Retry-After, `slow` a delayed
 * answer, `truncate` a body cut short (the connection drops before Content-Length bytes arrive).
 */
export type FaultKind = 'error' | 'throttle' | 'unavailable' | 'slow' | 'truncate';

/** Every fault kind. */
export const FAULT_KINDS: readonly FaultKind[] = ['error', 'throttle', 'unavailable', 'slow', 'truncate'];

/** Random faults: a share of all requests fails in one of the given ways. */
export interface FaultOptions {
  /** Share of requests that get a fault, 0..1. */
  readonly rate: number;
  readonly kinds?: readonly FaultKind[];
  /** Retry-After sent with 429 and 503 (seconds). */
  readonly retryAfterSeconds?: number;
  /** Delay of a slow answer. */
  readonly slowMs?: number;
  readonly seed?: number;
}

/** Decides which request gets which fault: queued targeted faults first, then the random rate. */
export class FaultPlan {
  private readonly random: SeededRandom;
  private readonly targeted: { prefix: string; kind: FaultKind; remaining: number }[] = [];
  rate: number;
  readonly kinds: readonly FaultKind[];
  readonly retryAfterSeconds: number;
  readonly slowMs: number;

  constructor(options: FaultOptions = { rate: 0 }) {
    if (!(options.rate >= 0 && options.rate <= 1)) throw new RangeError('fault rate must be between 0 and 1');
    this.rate = options.rate;
    this.kinds = options.kinds?.length ? options.kinds : FAULT_KINDS;
    this.retryAfterSeconds = options.retryAfterSeconds ?? 1;
    this.slowMs = options.slowMs ?? 150;
    this.random = new SeededRandom(options.seed ?? 7);
  }

  /** The next `times` requests whose path (with its query) starts with `prefix` get `kind`. */
  inject(prefix: string, kind: FaultKind, times = 1): void {
    this.targeted.push({ prefix, kind, remaining: times });
  }

  /** Drops the targeted faults not yet used. */
  clear(): void {
    this.targeted.length = 0;
  }

  /** The fault for a request to `path` (with its query), if any. */
  next(path: string): FaultKind | undefined {
    const target = this.targeted.find((entry) => entry.remaining > 0 && path.startsWith(entry.prefix));
    if (target) {
      target.remaining--;
      return target.kind;
    }
    if (this.rate > 0 && this.random.next() < this.rate) return this.random.pick(this.kinds);
    return undefined;
  }
}
