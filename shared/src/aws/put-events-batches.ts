import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { BusEvent } from '@jobpipe/contracts';
import { PermanentError } from '../errors.js';

/** PutEvents limits: entries per request, and bytes per request (entry sizes summed). */
export const PUT_EVENTS_LIMITS = { maxEntries: 10, maxBytes: 256 * 1024 } as const;

/** A bus event with the PutEvents entry that carries it and that entry's size. */
export interface SizedEntry {
  readonly event: BusEvent;
  readonly entry: PutEventsRequestEntry;
  readonly bytes: number;
}

const utf8Bytes = (text: string | undefined) => (text === undefined ? 0 : Buffer.byteLength(text, 'utf8'));

/**
 * Size of a PutEvents entry as EventBridge computes it: 14 bytes for `Time` when set, plus the UTF-8
 * bytes of `Source`, `DetailType`, `Detail` and each of `Resources`.
 */
export function putEventsEntrySize(entry: PutEventsRequestEntry): number {
  return (
    (entry.Time ? 14 : 0) +
    utf8Bytes(entry.Source) +
    utf8Bytes(entry.DetailType) +
    utf8Bytes(entry.Detail) +
    (entry.Resources ?? []).reduce((sum, resource) => sum + utf8Bytes(resource), 0)
  );
}

/** The PutEvents entry of a bus event. */
export function toPutEventsEntry(event: BusEvent, eventBusName: string): PutEventsRequestEntry {
  return {
    EventBusName: eventBusName,
    Source: event.source,
    DetailType: event['detail-type'],
    Detail: JSON.stringify(event.detail),
    Time: new Date(event.time),
    ...(event.resources.length > 0 ? { Resources: [...event.resources] } : {}),
  };
}

/**
 * Sizes the entries and refuses, before anything is sent, any event too large for EventBridge: large
 * payloads belong in the blob store, with the event carrying the key (claim check).
 */
export function sizeEntries(events: readonly BusEvent[], eventBusName: string): SizedEntry[] {
  return events.map((event) => {
    const entry = toPutEventsEntry(event, eventBusName);
    const bytes = putEventsEntrySize(entry);
    if (bytes > PUT_EVENTS_LIMITS.maxBytes) {
      throw new PermanentError(
        'EVENT_TOO_LARGE',
        `'${event['detail-type']}' event ${event.id} is ${bytes} bytes; EventBridge takes at most ${PUT_EVENTS_LIMITS.maxBytes} bytes per event: put the payload in the blob store and send its key (claim check)`,
      );
    }
    return { event, entry, bytes };
  });
}

/** Splits entries, in order, into requests within the PutEvents entry-count and byte limits. */
export function batchEntries(entries: readonly SizedEntry[], limits = PUT_EVENTS_LIMITS): SizedEntry[][] {
  const batches: SizedEntry[][] = [];
  let current: SizedEntry[] = [];
  let currentBytes = 0;
  for (const entry of entries) {
    if (current.length === limits.maxEntries || currentBytes + entry.bytes > limits.maxBytes) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(entry);
    currentBytes += entry.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
