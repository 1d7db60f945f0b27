/** A message's place in line: `admitted` once every message that arrived before it has left its place. */
export interface ArrivalPlace {
  readonly admitted: Promise<void>;
  /** Leaves the place (again is harmless), letting the next message in. */
  leave(): void;
}

/**
 * Keeps the messages of a received batch, which are handled at once, in the order they arrived for one
 * step: each takes a place on arrival (synchronously, in delivery order), does its own slow work (reading
 * and parsing its body) at its own pace, and waits for its place only for the step that must follow
 * delivery order.
 */
export class ArrivalOrder {
  private last: Promise<void> = Promise.resolve();

  take(): ArrivalPlace {
    let leave!: () => void;
    const ownLeft = new Promise<void>((resolve) => {
      leave = resolve;
    });
    const admitted = this.last;
    // The next place waits for this one and, through it, every earlier one, even if this one left early.
    this.last = Promise.all([admitted, ownLeft]).then(() => undefined);
    return { admitted, leave };
  }
}
