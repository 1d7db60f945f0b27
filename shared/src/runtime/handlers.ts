import type { BusEvent, DetailType } from '@jobpipe/contracts';
import type { OutgoingEvent } from '../ports/events.js';
import { type Logger, silentLogger } from '../ports/logger.js';

/** What a handler gets besides the event: a publisher that carries correlation, and a logger bound to it. */
export interface HandlerContext {
  /** Publishes follow-up events with this event's correlationId and this event as their cause. */
  publish(events: readonly OutgoingEvent[]): Promise<string[]>;
  /** The events with this event's correlationId and this event as their cause (for `Outbox.commit`). */
  caused(events: readonly OutgoingEvent[]): OutgoingEvent[];
  readonly logger: Logger;
  /** How many times this message has been delivered (1 on the first delivery). */
  readonly receiveCount: number;
}

/** Handles one event. Throw PermanentError to dead-letter it, anything else to retry it. */
export type EventHandler<T extends DetailType = DetailType> = (event: BusEvent<T>, context: HandlerContext) => Promise<void>;

/** Handlers looked up by `detail-type@major`, e.g. `'job.scraped@1'`. */
export type HandlerTable = {
  readonly [K in `${DetailType}@${number}`]?: EventHandler<K extends `${infer T extends DetailType}@${number}` ? T : never>;
};

/** Helper to declare a handler table with the event types checked. */
export function defineHandlers<T extends HandlerTable>(table: T): T {
  return table;
}

/**
 * A context for running a handler outside a queue runner (tools, tests): it publishes through
 * `publish`, and its events get no cause.
 */
export function standaloneHandlerContext(
  publish: HandlerContext['publish'],
  overrides: Partial<Omit<HandlerContext, 'publish'>> = {},
): HandlerContext {
  return { publish, caused: (events) => [...events], logger: silentLogger, receiveCount: 1, ...overrides };
}
