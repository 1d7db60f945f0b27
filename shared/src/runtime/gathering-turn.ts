import { AsyncLocalStorage } from 'node:async_hooks';

/** Holds what the participants of a turn asked for and sends it together when the turn lets it go. */
export interface TurnGatherer {
  /** Sends every ask held for `turn` (called once every participant of the turn waits on an ask or is done). */
  release(turn: GatheringTurn): void;
}

/** One piece of work of a turn (a received message's handler). */
interface Participant {
  readonly turn: GatheringTurn;
  done: boolean;
}

const participants = new AsyncLocalStorage<Participant>();

/**
 * How long the asks of a turn wait after the last one came once every participant still working has
 * asked (or waits for one that has): asks one participant makes a moment apart (a scraper run's
 * postings, a `Promise.all` of reads) still go together.
 */
export const SETTLE_MS = 5;

/**
 * How long the asks of a turn wait after the last one came while a participant is still busy (a
 * fetch, a long parse): then they go without it. Each participant asks at most once between two
 * releases, so a turn of n participants holds an ask at most about n times this long; handlers parsing
 * one after another on the event loop (the parser) still ask within it of each other.
 */
export const MAX_HOLD_MS = 50;

/**
 * The handlers of one received batch, run together so that the storage requests they ask for at about
 * the same time go out as one (reads as one BatchGetItem, commits as one TransactWriteItems): an ask
 * parks its participant, and `SETTLE_MS` after the last ask once every participant still working is
 * parked (else `MAX_HOLD_MS` after it) the gatherers send what was asked. A participant is a handler
 * in an async context: the asks of code outside any turn, or of a participant that is done (a timer it
 * left behind), are the gatherer's to send at once. Gathering changes when requests go out, never what
 * they do: each ask still gets its own answer.
 */
export class GatheringTurn {
  private active: number;
  private readonly parked = new Set<Participant>();
  /** Participants waiting for another participant of the turn (which may be parked): they ask nothing now. */
  private readonly waiting = new Set<Participant>();
  private readonly gatherers = new Set<TurnGatherer>();
  private holdTimer: NodeJS.Timeout | undefined;

  private constructor(participantCount: number) {
    this.active = participantCount;
  }

  /**
   * Runs each work as a participant of one new turn; settles as `Promise.allSettled` does. A lone work
   * is a turn too: what it asks for at once (a lifecycle sweep's reads and commits) goes out together.
   */
  static settleTogether<T>(works: readonly (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> {
    const turn = new GatheringTurn(works.length);
    return Promise.allSettled(
      works.map((work) => {
        const participant: Participant = { turn, done: false };
        return participants.run(participant, async () => {
          try {
            return await work();
          } finally {
            participant.done = true;
            turn.left(participant);
          }
        });
      }),
    );
  }

  /** The turn the calling code takes part in, while its participant is still working; else undefined. */
  static current(): GatheringTurn | undefined {
    const participant = participants.getStore();
    return participant && !participant.done ? participant.turn : undefined;
  }

  /**
   * Waits for `other`, something another participant of the caller's turn finishes (its place in line,
   * its write of the same item): meanwhile the caller counts as parked, so the turn does not hold the
   * other's asks for it. Outside a turn, just waits.
   */
  static async waitingOnOthers<T>(other: Promise<T>): Promise<T> {
    const participant = participants.getStore();
    if (!participant || participant.done) return other;
    const { turn } = participant;
    turn.waiting.add(participant);
    turn.scheduleRelease();
    try {
      return await other;
    } finally {
      turn.waiting.delete(participant);
    }
  }

  /**
   * Parks the calling participant: `gatherer` holds its ask (stored before this call) until the turn
   * releases it. A no-op outside the turn's participants.
   */
  park(gatherer: TurnGatherer): void {
    const participant = participants.getStore();
    if (!participant || participant.turn !== this || participant.done) {
      gatherer.release(this);
      return;
    }
    this.parked.add(participant);
    this.gatherers.add(gatherer);
    this.scheduleRelease();
  }

  private left(participant: Participant): void {
    this.active -= 1;
    this.parked.delete(participant);
    this.waiting.delete(participant);
    this.scheduleRelease();
  }

  /** (Re)starts the release timer: `SETTLE_MS` when every working participant is parked, else `MAX_HOLD_MS`. */
  private scheduleRelease(): void {
    if (this.parked.size === 0) return;
    clearTimeout(this.holdTimer);
    this.holdTimer = setTimeout(() => this.release(), this.idle() ? SETTLE_MS : MAX_HOLD_MS);
  }

  /** Whether something is asked and every working participant has asked or waits for one that has. */
  private idle(): boolean {
    if (this.parked.size === 0) return false;
    let ready = this.parked.size;
    for (const participant of this.waiting) if (!this.parked.has(participant)) ready += 1;
    return ready >= this.active;
  }

  private release(): void {
    clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    const gatherers = [...this.gatherers];
    this.gatherers.clear();
    this.parked.clear();
    for (const gatherer of gatherers) gatherer.release(this);
  }
}
