import { setTimeout as sleep } from 'node:timers/promises';
import type { QueueDefinition } from '@jobpipe/contracts';
import type { QueueConsumer, ReceivedMessage } from '../ports/events.js';
import type { Logger } from '../ports/logger.js';
import { GatheringTurn } from './gathering-turn.js';
import { type Outcome, type ProcessorDependencies, processMessage } from './message-processor.js';
import type { ServiceMetrics } from './metrics.js';

/** Options of a queue runner. */
export interface QueueRunnerOptions extends ProcessorDependencies {
  readonly queue: QueueDefinition;
  readonly consumer: QueueConsumer;
  readonly metrics?: ServiceMetrics;
  /** Runs a batch's handlers so that their events go out together (`RuntimePorts.eventsTogether`). */
  readonly eventsTogether?: <T>(work: () => Promise<T>) => Promise<T>;
  /**
   * Runs a batch's handlers as one `GatheringTurn`, so the storage requests they ask for at about the
   * same time go out together (see `gathersTurnsOn`); otherwise they simply run concurrently.
   */
  readonly gatherTurns?: boolean;
  /** How long one receive waits for messages (long poll; SQS allows up to 20 s). */
  readonly waitMs?: number;
  /** Batches handled at the same time (each batch's messages run concurrently). */
  readonly concurrency?: number;
  /** Rest after a receive that found nothing (idle back-off, see `idlePauseMsOf`); none by default. */
  readonly idlePauseMs?: number;
  /**
   * Rest after a receive that found messages, but fewer than a batch holds, so that the next receive
   * finds more waiting (a batching window, see `batchWindowMsOf`); none by default.
   */
  readonly batchWindowMs?: number;
}

/**
 * The idle back-off of a queue's container consumer: its `idlePauseSeconds` on the aws transport, where
 * every receive is a billed request; none embedded, where a receive costs no request and a rest would
 * only delay.
 */
export function idlePauseMsOf(queue: QueueDefinition, transport: 'embedded' | 'aws'): number {
  return transport === 'aws' ? (queue.idlePauseSeconds ?? 0) * 1000 : 0;
}

/**
 * The batching window of a queue's container consumer. On the aws transport a batch costs requests
 * whatever its size (the receive, the delete, its handlers' gathered reads and commits, its events'
 * PutEvents), and a long poll answers as soon as one message is there: while upstream publishes a
 * few at a time, a consumer that receives again at once takes them a few at a time. Resting a second
 * after a part of a batch lets them gather in the queue (as Lambda's `MaximumBatchingWindowInSeconds`
 * does for SQS); a full batch is followed at once, so a busy queue never rests. None embedded, where a
 * batch costs no request and a rest would only delay.
 */
export function batchWindowMsOf(transport: 'embedded' | 'aws'): number {
  return transport === 'aws' ? 1000 : 0;
}

/**
 * Whether a transport's queue runners run a batch's handlers as one `GatheringTurn`: on aws, where the
 * DynamoDB table store gathers their reads and commits into batch requests. Not embedded, where nothing
 * gathers and a turn would only cost its async-context tracking, which Node pays on every promise of the
 * process once a context is in use.
 */
export function gathersTurnsOn(transport: 'embedded' | 'aws'): boolean {
  return transport === 'aws';
}

/** A receive waits this long for a message: the SQS maximum, so an idle queue costs 3 requests a minute. */
export const LONG_POLL_MS = 20_000;

/** Live state of a runner, for the health endpoint. */
export interface RunnerStatus {
  readonly running: boolean;
  readonly inFlight: number;
  /** The last failure, until the runner recovers from it (a receive, or a batch handled without failure). */
  readonly lastError?: string;
  readonly handled: number;
}

/**
 * Polls one queue and hands each message to its handler; acks in batches, retries failures with
 * backoff, dead-letters permanent failures, extends visibility of slow handlers, and on stop finishes
 * the messages in flight before resolving.
 */
export class QueueRunner {
  private stopping = false;
  private loops: Promise<void>[] = [];
  private inFlight = 0;
  private handled = 0;
  private lastError: string | undefined;
  private readonly stopped = new AbortController();
  private readonly logger: Logger;

  constructor(private readonly options: QueueRunnerOptions) {
    this.logger = options.logger.child({ queue: options.queue.name });
  }

  /** Starts polling. */
  start(): void {
    const concurrency = this.options.concurrency ?? 1;
    this.loops = Array.from({ length: concurrency }, () => this.loop());
  }

  /** Stops receiving and waits for in-flight messages to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopped.abort();
    await Promise.all(this.loops);
  }

  status(): RunnerStatus {
    return {
      running: !this.stopping,
      inFlight: this.inFlight,
      handled: this.handled,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** Receives and handles one batch; returns how many messages it got. Useful for tests and `run --once`. */
  async pollOnce(waitMs = 0): Promise<number> {
    const { consumer, queue } = this.options;
    const messages = await consumer.receive(queue.batchSize, waitMs, this.stopped.signal);
    if (messages.length === 0) return 0;
    this.inFlight += messages.length;
    // Heartbeat: every message of the batch stays invisible until it is acked, released or dead-lettered,
    // so a slow handler keeps its message and a fast one waiting for the batch ack does not reappear.
    const unsettled = new Set(messages);
    const extender = setInterval(
      () => {
        for (const message of unsettled) {
          consumer.extendVisibility(message, queue.visibilityTimeoutSeconds).catch((error: unknown) => {
            this.logger.warn({ err: String(error), messageId: message.messageId }, 'visibility extension failed');
          });
        }
      },
      (queue.visibilityTimeoutSeconds * 1000) / 2,
    );
    try {
      // One message whose release or dead-lettering fails must not keep its handled neighbours from
      // being deleted: every message settles on its own, then the handled ones are acked together.
      // On aws the batch's handlers run as one turn: the reads and commits they ask for at about the
      // same time go out together where the table store gathers them (DynamoDB), each with its own answer.
      // The handled messages are acked as the turn ends, not after its events went out: they are safe in
      // the outbox by then, and the embedded bus commits the ack with the relay's enqueue of those events.
      let acked: ReceivedMessage[] = [];
      let acking: Promise<void> = Promise.resolve();
      const handleAllThenAck = async () => {
        const settled = this.options.gatherTurns
          ? await GatheringTurn.settleTogether(messages.map((message) => () => this.handle(message, unsettled)))
          : await Promise.allSettled(messages.map((message) => this.handle(message, unsettled)));
        acked = messages.filter((_, i) => {
          const result = settled[i]!;
          return result.status === 'fulfilled' && result.value.kind === 'ack';
        });
        for (const message of acked) unsettled.delete(message);
        if (acked.length > 0) acking = consumer.ack(acked);
        // Awaited below, once the turn's events are handed over; a failure is not unhandled meanwhile.
        acking.catch(() => undefined);
        return settled;
      };
      const settled = await (this.options.eventsTogether ? this.options.eventsTogether(handleAllThenAck) : handleAllThenAck());
      const settleFailures = settled.filter((result) => result.status === 'rejected').map((result) => String(result.reason));
      await acking;
      this.handled += acked.length;
      if (settleFailures.length > 0) {
        this.lastError = `could not settle ${settleFailures.length} failed message(s) (they reappear after the visibility timeout): ${settleFailures.join('; ')}`;
        throw new Error(this.lastError);
      }
      if (acked.length === messages.length) this.lastError = undefined;
    } finally {
      clearInterval(extender);
      this.inFlight -= messages.length;
    }
    return messages.length;
  }

  private async loop(): Promise<void> {
    let receiveFailed = false;
    while (!this.stopping) {
      try {
        const received = await this.pollOnce(this.options.waitMs ?? LONG_POLL_MS);
        if (receiveFailed) this.lastError = undefined;
        receiveFailed = false;
        if (received === 0) await this.rest(this.options.idlePauseMs);
        else if (received < this.options.queue.batchSize) await this.rest(this.options.batchWindowMs);
      } catch (error) {
        if (this.stopping) break;
        receiveFailed = true;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.logger.error({ err: this.lastError }, 'receive or settle failed; backing off');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  /** Rests between receives (the idle back-off, the batching window); a stop cuts the rest short. */
  private async rest(pauseMs = 0): Promise<void> {
    if (pauseMs <= 0 || this.stopping) return;
    await sleep(pauseMs, undefined, { signal: this.stopped.signal }).catch(() => undefined);
  }

  private async handle(message: ReceivedMessage, unsettled: Set<ReceivedMessage>): Promise<Outcome> {
    const { consumer, queue, metrics } = this.options;
    const started = performance.now();
    const outcome = await processMessage(message, this.options);
    const labels = { queue: queue.name, detail_type: outcome.detailType };
    metrics?.handlerSeconds.observe(labels, (performance.now() - started) / 1000);
    if (outcome.kind === 'ack') metrics?.handled.inc(labels);
    if (outcome.kind === 'retry') {
      unsettled.delete(message);
      this.lastError = outcome.reason;
      metrics?.failed.inc(labels);
      await consumer.release(message, outcome.reason, outcome.delaySeconds);
    }
    if (outcome.kind === 'dead-letter') {
      unsettled.delete(message);
      this.lastError = outcome.reason;
      metrics?.deadLettered.inc(labels);
      this.logger.warn({ messageId: message.messageId, reason: outcome.reason }, 'dead-lettered');
      await consumer.deadLetter(message, outcome.reason);
    }
    return outcome;
  }
}
