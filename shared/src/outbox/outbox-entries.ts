import type { BusEvent, OutboxEntry } from '@jobpipe/contracts';

/** The table holding events waiting for the relay. */
export const OUTBOX_TABLE = 'outbox' as const;

/** One outbox item: events of one commit, in order, waiting to be published (`schemas/tables/outbox`). */
export type { OutboxEntry } from '@jobpipe/contracts';

/** Most bytes of events one entry holds: well inside DynamoDB's 400 KB item limit. */
const ENTRY_EVENT_BYTES = 300 * 1024;

/** An event and its JSON, written once. */
interface SerializedEvent {
  readonly event: BusEvent;
  readonly json: string;
}

/**
 * The events of entries built in this process, with their JSON: the relay sends an entry it was handed at
 * commit without parsing its `events` back, and the embedded bus stores each event's JSON as written here.
 */
const builtEvents = new WeakMap<OutboxEntry, readonly BusEvent[]>();
const eventJson = new WeakMap<BusEvent, string>();

/** Splits a commit's events, in order, into groups small enough for one entry each. */
function groupsOfEntrySize(events: readonly SerializedEvent[]): SerializedEvent[][] {
  const groups: SerializedEvent[][] = [];
  let current: SerializedEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = Buffer.byteLength(event.json, 'utf8');
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
  const serialized = events.map((event) => ({ event, json: JSON.stringify(event) }));
  return groupsOfEntrySize(serialized).map((group) => {
    sequence = (sequence + 1) % 1e9;
    const entry = {
      producer,
      entryId: `${at}#${String(sequence).padStart(9, '0')}#${group[0]!.event.id}`,
      // What JSON.stringify of the group's events writes, from each event's JSON.
      events: `[${group.map((member) => member.json).join(',')}]`,
      storedAt: at,
    };
    builtEvents.set(
      entry,
      group.map((member) => member.event),
    );
    for (const member of group) eventJson.set(member.event, member.json);
    return entry;
  });
}

/** The bus events an entry holds (those it was built from, when built in this process). */
export function eventsOfEntry(entry: OutboxEntry): readonly BusEvent[] {
  return builtEvents.get(entry) ?? (JSON.parse(entry.events) as BusEvent[]);
}

/** An event's JSON: as its outbox entry holds it when the entry was built in this process. */
export function jsonOfEvent(event: BusEvent): string {
  return eventJson.get(event) ?? JSON.stringify(event);
}
