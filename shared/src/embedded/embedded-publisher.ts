import { queuesFor } from '@jobpipe/contracts';
import type { EventPublisher, OutgoingEvent } from '../ports/events.js';
import { buildBusEvent, type EventFactoryOptions } from '../runtime/event-factory.js';
import type { SqliteBus } from './sqlite-bus.js';

/** Publishes to the embedded bus: validates, routes by the topology, enqueues in one transaction. */
export class EmbeddedEventPublisher implements EventPublisher {
  constructor(
    private readonly bus: SqliteBus,
    private readonly options: EventFactoryOptions,
  ) {}

  async publish(events: readonly OutgoingEvent[]): Promise<string[]> {
    const built = events.map((event) => buildBusEvent(event, this.options));
    this.bus.enqueue(
      built.map((event) => ({
        eventId: event.id,
        detailType: event['detail-type'],
        body: JSON.stringify(event),
        queues: queuesFor(event['detail-type']).map((queue) => queue.name),
      })),
    );
    return built.map((event) => event.id);
  }
}
