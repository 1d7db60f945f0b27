import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contracts } from '@jobpipe/contracts';
import { eventsOfEntry, outboxEntriesOf, serializedEvent } from '../../src/outbox/outbox-entries.js';
import { ManualClock, randomIds } from '../../src/ports/clock.js';
import { buildBusEvent } from '../../src/runtime/event-factory.js';
import { scrapedData } from '../embedded/bus-test-kit.js';

const factory = { producer: 'scraper' as const, registry: contracts(), clock: new ManualClock(), ids: randomIds };
const built = Array.from({ length: 3 }, (_, i) => buildBusEvent({ detailType: 'job.scraped', data: scrapedData(i) }, factory));

test("an entry holds its events' JSON as JSON.stringify writes it, and reads back the same from the table", () => {
  const [entry] = outboxEntriesOf('scraper', built, new Date('2026-03-01T09:00:00Z'));
  assert.equal(entry!.events, JSON.stringify(built));
  const readBack = JSON.parse(JSON.stringify(entry)) as typeof entry;
  assert.deepEqual(eventsOfEntry(readBack!), built);
});

test('the relay gets the very events an entry was built from, not copies parsed back, and their text is written once', () => {
  const [entry] = outboxEntriesOf('scraper', built, new Date('2026-03-01T09:00:00Z'));
  const events = eventsOfEntry(entry!);
  assert.equal(events.length, 3);
  for (const [i, event] of events.entries()) assert.equal(event, built[i], `event ${i} is the built object`);
  assert.equal(serializedEvent(built[0]!), JSON.stringify(built[0]));
  assert.equal(serializedEvent(built[0]!), serializedEvent(built[0]!));
});
