import {
  type BusEvent,
  type ContractRegistry,
  CURRENT_SCHEMA_VERSION,
  type DetailType,
  eventSourceOf,
  PRODUCERS,
  type ProducerName,
} from '@jobpipe/contracts';
import { PermanentError } from '../errors.js';
import type { Clock, IdGenerator } from '../ports/clock.js';
import type { OutgoingEvent } from '../ports/events.js';

/** What every publisher needs to turn an outgoing event into a bus event. */
export interface EventFactoryOptions {
  readonly producer: ProducerName;
  readonly registry: ContractRegistry;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly account?: string;
  readonly region?: string;
  /** The installation the events belong to (the AWS resource prefix; `jobpipe` when unset). */
  readonly installation?: string;
}

/**
 * Builds the EventBridge-shaped event for an outgoing event: fills `meta`, checks that the producer
 * may publish this detail-type, and validates against the contract (publishers validate before sending).
 */
export function buildBusEvent(outgoing: OutgoingEvent, options: EventFactoryOptions): BusEvent {
  const allowed = PRODUCERS[options.producer] as readonly string[];
  if (!allowed.includes(outgoing.detailType)) {
    throw new PermanentError('EVENT_NOT_ALLOWED', `${options.producer} may not publish '${outgoing.detailType}'`);
  }
  const eventId = options.ids.uuid();
  const time = options.clock.now().toISOString();
  const meta = {
    eventId,
    schemaVersion: CURRENT_SCHEMA_VERSION[outgoing.detailType as DetailType],
    occurredAt: time,
    correlationId: outgoing.correlationId ?? eventId,
    ...(outgoing.causationId ? { causationId: outgoing.causationId } : {}),
    ...(outgoing.traceparent ? { traceparent: outgoing.traceparent } : {}),
  };
  const detail = { meta, data: outgoing.data };
  const result = options.registry.validate(outgoing.detailType, detail);
  if (!result.ok) {
    throw new PermanentError('EVENT_INVALID', `refusing to publish invalid '${outgoing.detailType}': ${result.errors.join('; ')}`);
  }
  return {
    version: '0',
    id: eventId,
    'detail-type': outgoing.detailType,
    source: eventSourceOf(options.producer, options.installation),
    account: options.account ?? '000000000000',
    time,
    region: options.region ?? 'local',
    resources: [],
    detail: detail as BusEvent['detail'],
  };
}
