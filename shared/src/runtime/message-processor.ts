import { type BusEvent, type ContractRegistry, majorOf } from '@jobpipe/contracts';
import { PermanentError, TransientError } from '../errors.js';
import type { EventPublisher, OutgoingEvent, ReceivedMessage } from '../ports/events.js';
import type { Logger } from '../ports/logger.js';
import type { EventHandler, HandlerTable } from './handlers.js';

/** What should happen to a message after its handler ran. */
export type Outcome =
  | { readonly kind: 'ack'; readonly detailType: string }
  | { readonly kind: 'retry'; readonly detailType: string; readonly reason: string; readonly delaySeconds: number }
  | { readonly kind: 'dead-letter'; readonly detailType: string; readonly reason: string };

/** Everything needed to process one message, whatever the runtime. */
export interface ProcessorDependencies {
  readonly registry: ContractRegistry;
  readonly handlers: HandlerTable;
  readonly publisher: EventPublisher;
  readonly logger: Logger;
}

/** Delay before the n-th retry: exponential, capped at five minutes. */
export function retryDelaySeconds(receiveCount: number): number {
  return Math.min(300, 2 ** Math.max(0, receiveCount - 1));
}

function errorText(error: unknown): string {
  if (error instanceof Error) return 'code' in error ? `${String(error.code)}: ${error.message}` : error.message;
  return String(error);
}

/**
 * Processes one received message: parse, validate against the contract, look up the handler by
 * detail-type and major version, run it. Never throws: every failure becomes an outcome, so one bad
 * message cannot stop a consumer.
 */
export async function processMessage(message: ReceivedMessage, deps: ProcessorDependencies): Promise<Outcome> {
  let event: BusEvent;
  try {
    event = JSON.parse(message.body) as BusEvent;
  } catch {
    return { kind: 'dead-letter', detailType: 'unknown', reason: 'body is not JSON' };
  }
  const detailType = typeof event?.['detail-type'] === 'string' ? event['detail-type'] : 'unknown';
  const validation = deps.registry.validate(detailType, event?.detail);
  if (!validation.ok) {
    return { kind: 'dead-letter', detailType, reason: `invalid '${detailType}' event: ${validation.errors.join('; ')}` };
  }
  const key = `${detailType}@${majorOf(event.detail)}` as keyof HandlerTable;
  const handler = deps.handlers[key] as EventHandler | undefined;
  if (!handler) return { kind: 'dead-letter', detailType, reason: `no handler for '${key}'` };

  const meta = event.detail.meta;
  const logger = deps.logger.child({ correlationId: meta.correlationId, eventId: meta.eventId, detailType });
  const caused = (events: readonly OutgoingEvent[]) =>
    events.map((outgoing) => ({
      ...outgoing,
      correlationId: outgoing.correlationId ?? meta.correlationId,
      causationId: outgoing.causationId ?? meta.eventId,
      ...(meta.traceparent && !outgoing.traceparent ? { traceparent: meta.traceparent } : {}),
    }));
  try {
    await handler(event, {
      logger,
      receiveCount: message.receiveCount,
      caused,
      publish: (events) => deps.publisher.publish(caused(events)),
    });
    return { kind: 'ack', detailType };
  } catch (error) {
    const reason = errorText(error);
    if (error instanceof PermanentError) {
      logger.warn({ reason }, 'handler rejected the event; dead-lettering');
      return { kind: 'dead-letter', detailType, reason };
    }
    const delaySeconds =
      error instanceof TransientError && error.retryAfterSeconds !== undefined
        ? error.retryAfterSeconds
        : retryDelaySeconds(message.receiveCount);
    logger.warn({ reason, receiveCount: message.receiveCount, delaySeconds }, 'handler failed; will retry');
    return { kind: 'retry', detailType, reason, delaySeconds };
  }
}
