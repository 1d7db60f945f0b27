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
 * Longest the asks of a turn wait after the last one came: a participant still busy (a fetch, a long
 * parse) lets them go then. Each participant parks at most once before a release, so a turn of n
 * participants holds an ask at most n times this long; handlers parsing one after another on the event
 * loop (the parser) still park within it of each other.
 */
export const MAX_HOLD_MS = 50;

/**
 * The handlers of one received batch, run together so that the storage requests they ask for at about
 * the same time go out as one (reads as one BatchGetItem, commits as one TransactWriteItems): an ask
 * parks its participant, and once every participant still working is parked (or `MAX_HOLD_MS` after
 * the last ask) the gatherers send what was asked. A participant is a handler in an async context:
 * the asks of code outside any turn, or of a participant that is done (a timer it left behind), are the
 * gatherer's to send at once. Gathering changes when requests go out, never what they do: each ask
 * still gets its own answer.
 */
export class GatheringTurn {
  private active: number;
  private readonly parked = new Set<Participant>();
  /** Participants waiting for another participant of the turn (which may be parked): they ask nothing now. */
  private readonly waiting = new Set<Participant>();
  private readonly gatherers = new Set<TurnGatherer>();
  private holdTimer: NodeJS.Timeout | undefined;
  private releaseScheduled = false;

  private constructor(participantCount: number) {
    this.active = participantCount;
  }

  /**
   * Runs each work as a participant of one new turn; settles as `Promise.allSettled` does. A lone work
   * runs outside any turn: there is nothing to gather its asks with, and it may gather its own (reads
   * asked within a few milliseconds of each other go out together anyway).
   */
  static settleTogether<T>(works: readonly (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> {
    if (works.length <= 1) return Promise.allSettled(works.map((work) => work()));
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
    turn.releaseWhenIdle();
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
    clearTimeout(this.holdTimer);
    this.holdTimer = setTimeout(() => this.release(), MAX_HOLD_MS);
    this.releaseWhenIdle();
  }

  private left(participant: Participant): void {
    this.active -= 1;
    this.parked.delete(participant);
    this.waiting.delete(participant);
    this.releaseWhenIdle();
  }

  /**
   * Releases once every working participant is parked, after the work already scheduled has run (so
   * asks one participant makes at once, `Promise.all` of reads, go together).
   */
  private releaseWhenIdle(): void {
    if (this.releaseScheduled || !this.idle()) return;
    this.releaseScheduled = true;
    setImmediate(() => {
      this.releaseScheduled = false;
      if (this.idle()) this.release();
    });
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
