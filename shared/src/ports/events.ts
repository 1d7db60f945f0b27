import type { BusEvent, DetailType, EventDataMap } from '@jobpipe/contracts';

/** What a handler asks to publish: the meta is filled in by the publisher. */
export interface OutgoingEvent<T extends DetailType = DetailType> {
  readonly detailType: T;
  readonly data: EventDataMap[T];
  /** Set by the runner from the event being handled, so correlation flows from event to event. */
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly traceparent?: string;
}

/** Publishes events to the bus (EventBridge or the embedded bus). Validates before sending. */
export interface EventPublisher {
  /** Publishes every event or throws; returns the event ids in order. */
  publish(events: readonly OutgoingEvent[]): Promise<string[]>;
}

/** A message received from a queue, with its delivery bookkeeping. */
export interface ReceivedMessage {
  /** Stable id of the message on its queue. */
  readonly messageId: string;
  /** Token for ack/release of this delivery (changes with every receive). */
  readonly receiptHandle: string;
  /** Raw body as delivered (an EventBridge event JSON for bus traffic). */
  readonly body: string;
  /** How many times this message has been received, this delivery included. */
  readonly receiveCount: number;
}

/** Reads one queue with SQS semantics. */
export interface QueueConsumer {
  readonly queueName: string;
  /** Receives up to `max` messages, waiting up to `waitMs` for the first one (less once `signal` aborts). */
  receive(max: number, waitMs: number, signal?: AbortSignal): Promise<ReceivedMessage[]>;
  /** Deletes handled messages. */
  ack(messages: readonly ReceivedMessage[]): Promise<void>;
  /** Makes a failed message visible again after `delaySeconds`, recording why it failed. */
  release(message: ReceivedMessage, reason: string, delaySeconds: number): Promise<void>;
  /** Moves a message to the dead-letter queue now, with the reason. */
  deadLetter(message: ReceivedMessage, reason: string): Promise<void>;
  /** Keeps a message invisible for `seconds` more (for slow handlers). */
  extendVisibility(message: ReceivedMessage, seconds: number): Promise<void>;
}

/** A message parked in a dead-letter queue. */
export interface DeadLetter {
  readonly messageId: string;
  readonly body: string;
  readonly reason: string;
  readonly receiveCount: number;
  readonly deadLetteredAt: string;
}

/** How many messages a queue holds. */
export interface QueueDepth {
  readonly ready: number;
  readonly inFlight: number;
  readonly deadLettered: number;
  /** In flight, but held by processes that no longer run; set when not 0 (embedded only: SQS cannot tell). */
  readonly heldByDeadProcesses?: number;
}

/** Operator view of the dead-letter queues. */
export interface DeadLetterAdmin {
  /** Up to `limit` dead letters of a queue, oldest dead-lettered first. */
  list(queue: string, limit: number): Promise<DeadLetter[]>;
  /** How many dead letters the queue holds (every one counted, not an estimate). */
  count(queue: string): Promise<number>;
  /** Moves dead letters back to their source queue, at most those present when it starts; returns how many moved. */
  redrive(queue: string, messageIds?: readonly string[]): Promise<number>;
  depth(queue: string): Promise<QueueDepth>;
}

/** The parsed form of a received bus message. */
export type ReceivedEvent = BusEvent;
