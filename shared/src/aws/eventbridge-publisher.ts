import { type EventBridgeClient, PutEventsCommand, type PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import type { BusEvent } from '@jobpipe/contracts';
import { TransientError } from '../errors.js';
import type { BusSender } from '../outbox/bus-sender.js';
import type { EventPublisher, OutgoingEvent } from '../ports/events.js';
import type { Logger } from '../ports/logger.js';
import { buildBusEvent, type EventFactoryOptions } from '../runtime/event-factory.js';
import { batchEntries, PUT_EVENTS_LIMITS, type SizedEntry, sizeEntries } from './put-events-batches.js';
import { type RetryPolicy, retryFailedSubset } from './retry-failed-subset.js';

/** Options of the EventBridge publisher. */
export interface EventBridgePublisherOptions extends EventFactoryOptions {
  readonly client: EventBridgeClient;
  readonly eventBusName: string;
  readonly logger: Logger;
  /** Backoff of the retries of refused entries. */
  readonly retry?: RetryPolicy;
}

/** One event EventBridge did not take, with the error it gave. */
export interface FailedEntry {
  readonly eventId: string;
  readonly detailType: string;
  readonly errorCode: string;
  readonly errorMessage: string;
}

/** Some events were still refused by PutEvents when the retries ran out (the handler is retried). */
export class PublishFailedError extends TransientError {
  constructor(
    readonly failures: readonly FailedEntry[],
    attempts: number,
  ) {
    const named = failures.map((failure) => `'${failure.detailType}' ${failure.eventId} (${failure.errorCode}: ${failure.errorMessage})`);
    super('PUBLISH_FAILED', `PutEvents refused ${failures.length} event(s) after ${attempts} attempt(s): ${named.join(', ')}`);
  }
}

const DEFAULT_RETRY: RetryPolicy = { retries: 4, minTimeoutMs: 100, maxTimeoutMs: 2000 };

/**
 * Publishes to EventBridge: builds and validates each event (producer checked), refuses events over the
 * size limit before sending anything, sends PutEvents in batches within the API limits, and retries
 * only the entries that failed (FailedEntryCount / per-entry ErrorCode) with exponential backoff.
 * Request-level errors (throttling, 5xx) are retried by the SDK itself.
 */
export class EventBridgePublisher implements EventPublisher, BusSender {
  readonly maxEventsPerSend = PUT_EVENTS_LIMITS.maxEntries;

  constructor(private readonly options: EventBridgePublisherOptions) {}

  async publish(events: readonly OutgoingEvent[]): Promise<string[]> {
    const built = events.map((event) => buildBusEvent(event, this.options));
    await this.send(built);
    return built.map((event) => event.id);
  }

  /** Sends built events as they are, in PutEvents requests within the limits (the outbox relay's way out). */
  async send(events: readonly BusEvent[]): Promise<void> {
    const sized = sizeEntries(events, this.options.eventBusName);
    for (const batch of batchEntries(sized)) await this.sendBatch(batch);
  }

  private async sendBatch(batch: readonly SizedEntry[]): Promise<void> {
    const lastFailure = new Map<SizedEntry, FailedEntry>();
    const { failed, attempts } = await retryFailedSubset(
      batch,
      async (pending) => {
        const output = await this.options.client.send(new PutEventsCommand({ Entries: pending.map((sized) => sized.entry) }));
        if (!output.FailedEntryCount) return [];
        const refused = pending.filter((sized, i) => {
          const result = output.Entries?.[i];
          if (!isFailed(result)) return false;
          lastFailure.set(sized, describeFailure(sized, result));
          return true;
        });
        this.options.logger.warn({ failures: refused.map((sized) => lastFailure.get(sized)) }, 'PutEvents refused some entries');
        return refused;
      },
      this.options.retry ?? DEFAULT_RETRY,
    );
    if (failed.length > 0)
      throw new PublishFailedError(
        failed.map((sized) => lastFailure.get(sized)!),
        attempts,
      );
  }
}

// When FailedEntryCount is set but an entry's result is missing, count that entry as failed.
function isFailed(result: PutEventsResultEntry | undefined): boolean {
  return result === undefined || result.ErrorCode !== undefined || result.EventId === undefined;
}

function describeFailure(sized: SizedEntry, result: PutEventsResultEntry | undefined): FailedEntry {
  return {
    eventId: sized.event.id,
    detailType: sized.event['detail-type'],
    errorCode: result?.ErrorCode ?? 'Unknown',
    errorMessage: result?.ErrorMessage ?? 'no result returned for this entry',
  };
}
