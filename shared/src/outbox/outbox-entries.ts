import type { BusEvent, OutboxEntry } from '@jobpipe/contracts';

/** The table holding events waiting for the relay. */
export const OUTBOX_TABLE = 'outbox' as const;

/** One outbox item: events of one commit, in order, waiting to be published (`schemas/tables/outbox`). */
export type { OutboxEntry } from '@jobpipe/contracts';

/** Most bytes of events one entry holds: well inside DynamoDB's 400 KB item limit. */
const ENTRY_EVENT_BYTES = 300 * 1024;

/** Splits a commit's events, in order, into groups small enough for one entry each. */
function groupsOfEntrySize(events: readonly BusEvent[]): BusEvent[][] {
  const groups: BusEvent[][] = [];
  let current: BusEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = Buffer.byteLength(JSON.stringify(event), 'utf8');
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
    return {
      producer,
      entryId: `${at}#${String(sequence).padStart(9, '0')}#${group[0]!.id}`,
      events: JSON.stringify(group),
      storedAt: at,
    };
  });
}

/** The bus events an entry holds. */
export function eventsOfEntry(entry: OutboxEntry): BusEvent[] {
  return JSON.parse(entry.events) as BusEvent[];
}
