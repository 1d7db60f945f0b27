import type { EventPublisher, OutgoingEvent } from '../ports/events.js';
import type { Outbox } from '../ports/outbox.js';

/**
 * A publisher that stores events in the outbox (a commit without writes): once `publish` returns,
 * the events are durable and the relay delivers them, whether or not the bus is up right now.
 */
export class OutboxPublisher implements EventPublisher {
  constructor(private readonly outbox: Outbox) {}

  async publish(events: readonly OutgoingEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const result = await this.outbox.commit({ writes: [], events });
    return result.committed ? result.eventIds : [];
  }
}
