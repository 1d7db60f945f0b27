import type { BusEvent, OutboxEntry } from '@jobpipe/contracts';

/** The table holding events waiting for the relay. */
export const OUTBOX_TABLE = 'outbox' as const;

/** One outbox item: events of one commit, in order, waiting to be published (`schemas/tables/outbox`). */
export type { OutboxEntry } from '@jobpipe/contracts';

/** Most bytes of events one entry holds: well inside DynamoDB's 400 KB item limit. */
const ENTRY_EVENT_BYTES = 300 * 1024;

/**
 * The events of entries built in this process, and the JSON of events serialized here: the relay sends
 * what this process committed without parsing the entry back, and the bus stores each event's text
 * without writing it again (an ingest run serialized each job.parsed three times and parsed it twice).
 * Built events are not changed after they are built.
 */
const eventsOfBuiltEntry = new WeakMap<OutboxEntry, readonly BusEvent[]>();
const jsonOfEvent = new WeakMap<BusEvent, string>();

/** `JSON.stringify(event)`, written once per event object. */
export function serializedEvent(event: BusEvent): string {
  let json = jsonOfEvent.get(event);
  if (json === undefined) {
    json = JSON.stringify(event);
    jsonOfEvent.set(event, json);
  }
  return json;
}

/** Splits a commit's events, in order, into groups small enough for one entry each. */
function groupsOfEntrySize(events: readonly BusEvent[]): BusEvent[][] {
  const groups: BusEvent[][] = [];
  let current: BusEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = Buffer.byteLength(serializedEvent(event), 'utf8');
    if (current.length > 0 && bytes + size > ENTRY_EVENT_BYTES) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(event);
    bytes += size;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

let sequence = 0;

/** The outbox entries of one commit's events (none for no events). */
export function outboxEntriesOf(producer: string, events: readonly BusEvent[], storedAt: Date): OutboxEntry[] {
  const at = storedAt.toISOString();
  return groupsOfEntrySize(events).map((group) => {
    sequence = (sequence + 1) % 1e9;
    const entry: OutboxEntry = {
      producer,
      entryId: `${at}#${String(sequence).padStart(9, '0')}#${group[0]!.id}`,
      // The text JSON.stringify(group) writes, from the events' own.
      events: `[${group.map(serializedEvent).join(',')}]`,
      storedAt: at,
    };
    eventsOfBuiltEntry.set(entry, group);
    return entry;
  });
}

/** The bus events an entry holds (those it was built from, when built in this process). */
export function eventsOfEntry(entry: OutboxEntry): readonly BusEvent[] {
  return eventsOfBuiltEntry.get(entry) ?? (JSON.parse(entry.events) as BusEvent[]);
}
