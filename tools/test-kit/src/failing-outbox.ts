/** The part of a table store a transactional outbox writes through (structural: no import of shared). */
interface TransactingStore {
  transact(writes: readonly { readonly table: string }[]): Promise<boolean>;
}

/** A switch for the writes of the outbox: while `failing` is true, every commit that stores events throws. */
export interface OutboxFailure {
  failing: boolean;
  /** Commits refused so far. */
  refused: number;
}

/**
 * Wraps a table store so that, while `failure.failing` is set, every transaction writing to the
 * `outbox` table throws before anything is written, as when the store of events is unreachable. Give
 * it to `createEmbeddedPorts({ tables })`: a change committed with its events then fails whole, and
 * state written apart from its events shows up.
 */
export function outboxFailingWhile<T extends TransactingStore>(store: T, failure: OutboxFailure): T {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'transact') return typeof value === 'function' ? value.bind(target) : value;
      return async (writes: readonly { readonly table: string }[]) => {
        if (failure.failing && writes.some((write) => write.table === 'outbox')) {
          failure.refused += 1;
          throw new Error('the outbox table is unavailable');
        }
        return target.transact(writes);
      };
    },
  });
}
