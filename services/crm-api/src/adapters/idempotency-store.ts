import type { Clock, ServiceTables } from '@jobpipe/shared';

const TABLE = 'idempotencyKeys';

/** The first answer to a request, kept to answer its retries. */
export interface StoredAnswer {
  readonly statusCode: number;
  readonly contentType: string | null;
  readonly body: string;
}

/** An `idempotencyKeys` item: a request under way (no answer yet) or answered. */
interface IdempotencyItem {
  readonly key: string;
  readonly fingerprint: string;
  /** Epoch seconds after which the item no longer counts (DynamoDB's TTL deletes it). */
  readonly expiresAt: number;
  readonly answer?: StoredAnswer;
}

/** What a request's key says to do. */
export type IdempotencyClaim =
  | { readonly kind: 'new' }
  | { readonly kind: 'answered'; readonly answer: StoredAnswer }
  | { readonly kind: 'in-progress' }
  | { readonly kind: 'different-request' };

/** Options of the idempotency store. */
export interface IdempotencyStoreOptions {
  /** How long an answer is replayed (default 24 h). */
  readonly answerSeconds?: number;
  /** How long a request under way holds its key before a retry may run it again (default 60 s). */
  readonly claimSeconds?: number;
}

/**
 * Idempotency keys of write requests in the `idempotencyKeys` table: a key is claimed with a
 * conditional write when its request starts, and completed with the answer; an expired item counts as
 * absent, so a key is free again after its expiry.
 */
export class IdempotencyStore {
  private readonly answerSeconds: number;
  private readonly claimSeconds: number;

  constructor(
    private readonly tables: ServiceTables<'crm-api'>,
    private readonly clock: Clock,
    options: IdempotencyStoreOptions = {},
  ) {
    this.answerSeconds = options.answerSeconds ?? 24 * 3600;
    this.claimSeconds = options.claimSeconds ?? 60;
  }

  /** Claims `key` for a request with `fingerprint`, or says why the request must not run. */
  async claim(key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const now = this.nowSeconds();
    const claim: IdempotencyItem = { key, fingerprint, expiresAt: now + this.claimSeconds };
    const free = { kind: 'compare', attribute: 'expiresAt', op: 'le', value: now, orNotExists: true } as const;
    if (await this.tables.put(TABLE, { ...claim }, free)) return { kind: 'new' };
    const current = await this.tables.get(TABLE, { key });
    // Expired between the write and the read: the retry of the caller claims it.
    if (!current || current.expiresAt <= now) return { kind: 'in-progress' };
    if (current.fingerprint !== fingerprint) return { kind: 'different-request' };
    return current.answer ? { kind: 'answered', answer: current.answer } : { kind: 'in-progress' };
  }

  /** Keeps the answer of a claimed request for its retries. */
  async complete(key: string, fingerprint: string, answer: StoredAnswer): Promise<void> {
    const item: IdempotencyItem = { key, fingerprint, expiresAt: this.nowSeconds() + this.answerSeconds, answer };
    await this.tables.put(TABLE, { ...item });
  }

  /** Frees a claimed key (the request failed on the server's side: its retry should run). */
  async release(key: string): Promise<void> {
    await this.tables.delete(TABLE, { key });
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}
