import { GatheringTurn } from '@jobpipe/shared';

/**
 * Runs tasks one at a time per key, in the order they were asked for, while tasks that share no key run
 * concurrently. A task with several keys waits for the previous task of each (settled, failed or not).
 */
export class KeyedSequencer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const previous = keys.map((key) => this.tails.get(key)).filter((tail) => tail !== undefined);
    // A task of one turn of handlers waiting for another's lets that one's reads and commits go out (`GatheringTurn`).
    const result = previous.length === 0 ? task() : GatheringTurn.waitingOnOthers(Promise.all(previous)).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    for (const key of keys) this.tails.set(key, tail);
    void tail.then(() => {
      for (const key of keys) if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
