import { type BusEvent, queuesFor } from '@jobpipe/contracts';
import type { BusSender } from '../outbox/bus-sender.js';
import { serializedEvent } from '../outbox/outbox-entries.js';
import type { EventPublisher, OutgoingEvent } from '../ports/events.js';
import { buildBusEvent, type EventFactoryOptions } from '../runtime/event-factory.js';
import type { RoutedMessage, SqliteBus } from './sqlite-bus.js';

/** Bus events routed to their queues by the topology. */
function routed(events: readonly BusEvent[]): RoutedMessage[] {
  return events.map((event) => ({
    eventId: event.id,
    detailType: event['detail-type'],
    body: serializedEvent(event),
    queues: queuesFor(event['detail-type']).map((queue) => queue.name),
  }));
}

/**
 * Publishes straight to the embedded bus: validates, routes by the topology, enqueues in one
 * transaction. Services publish through their outbox instead (`OutboxPublisher`); this is for tools
 * and benchmarks that exercise the bus alone.
 */
export class EmbeddedEventPublisher implements EventPublisher {
  constructor(
    private readonly bus: SqliteBus,
    private readonly options: EventFactoryOptions,
  ) {}

  async publish(events: readonly OutgoingEvent[]): Promise<string[]> {
    const built = events.map((event) => buildBusEvent(event, this.options));
    this.bus.enqueue(routed(built));
    return built.map((event) => event.id);
  }
}

/**
 * The outbox relay's way onto the embedded bus: enqueues each event once, whatever how often it is
 * relayed (the bus remembers relayed event ids in the transaction that enqueues them), so a relay
 * crashing between enqueueing and marking its events sent delivers nothing twice.
 */
export class EmbeddedBusSender implements BusSender {
  constructor(private readonly bus: SqliteBus) {}

  async send(events: readonly BusEvent[]): Promise<void> {
    await this.bus.enqueueOnce(routed(events));
  }
}
