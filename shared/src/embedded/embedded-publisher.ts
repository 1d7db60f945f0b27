import { queuesFor } from '@jobpipe/contracts';
import type { EventPublisher, OutgoingEvent } from '../ports/events.js';
import { buildBusEvent, type EventFactoryOptions } from '../runtime/event-factory.js';
import type { RoutedMessage, SqliteBus } from './sqlite-bus.js';

interface PendingPublish {
  readonly messages: RoutedMessage[];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Publishes to the embedded bus: validates, routes by the topology, enqueues in one transaction. With
 * `groupPublishes`, publishes asked for in the same event-loop turn (the handlers of one received batch)
 * share that transaction, so the bus's write lock is taken once per group rather than once per call;
 * each call resolves after it. Only for a process whose concurrent handlers tolerate yielding there.
 */
export class EmbeddedEventPublisher implements EventPublisher {
  private pending: PendingPublish[] = [];

  constructor(
    private readonly bus: SqliteBus,
    private readonly options: EventFactoryOptions,
    private readonly groupPublishes = false,
  ) {}

  async publish(events: readonly OutgoingEvent[]): Promise<string[]> {
    // Built (and validated) now, so an invalid event fails only its own caller.
    const built = events.map((event) => buildBusEvent(event, this.options));
    const messages = built.map((event) => ({
      eventId: event.id,
      detailType: event['detail-type'],
      body: JSON.stringify(event),
      queues: queuesFor(event['detail-type']).map((queue) => queue.name),
    }));
    if (!this.groupPublishes) {
      this.bus.enqueue(messages);
      return built.map((event) => event.id);
    }
    await new Promise<void>((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ messages, resolve, reject });
    });
    return built.map((event) => event.id);
  }

  /** Enqueues every publish asked for so far in one transaction. */
  private flush(): void {
    const group = this.pending;
    this.pending = [];
    try {
      this.bus.enqueue(group.flatMap((pending) => pending.messages));
    } catch (error) {
      for (const pending of group) pending.reject(error);
      return;
    }
    for (const pending of group) pending.resolve();
  }
}
