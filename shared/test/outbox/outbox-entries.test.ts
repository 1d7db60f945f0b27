import assert from 'node:assert/strict';
import { test } from 'node:test';
import { busEvent } from '@jobpipe/test-kit';
import { eventsOfEntry, jsonOfEvent, outboxEntriesOf } from '../../src/outbox/outbox-entries.js';
import { scrapedData } from '../embedded/bus-test-kit.js';

const storedAt = new Date('2026-03-01T09:00:00.000Z');

test('an entry holds its events as JSON.stringify writes them; the relay of its process gets them back without parsing', () => {
  const events = [1, 2, 3].map((n) => busEvent('job.scraped', scrapedData(n), 'scraper'));
  const [entry, ...more] = outboxEntriesOf('scraper', events, storedAt);
  assert.equal(more.length, 0);
  assert.equal(entry!.events, JSON.stringify(events));
  assert.equal(eventsOfEntry(entry!)[1], events[1], 'the event built, not a parsed copy');
  assert.equal(jsonOfEvent(events[1]!), JSON.stringify(events[1]));
  // An entry read back from the table (another process's, or one left at a crash) is parsed.
  const readBack = { ...entry! };
  assert.deepEqual(eventsOfEntry(readBack), events);
  assert.notEqual(eventsOfEntry(readBack)[1], events[1]);
});

test('events past 300 KB go to further entries, in order, each holding its own', () => {
  const big = (n: number) =>
    busEvent('job.scraped', { ...scrapedData(n), url: `https://jobs.example/${'x'.repeat(120 * 1024)}` }, 'scraper');
  const events = [1, 2, 3, 4, 5].map(big);
  const entries = outboxEntriesOf('scraper', events, storedAt);
  assert.deepEqual(
    entries.map((entry) => eventsOfEntry(entry).map((event) => event.id)),
    [[events[0]!.id, events[1]!.id], [events[2]!.id, events[3]!.id], [events[4]!.id]],
  );
  for (const entry of entries) assert.deepEqual(JSON.parse(entry.events), eventsOfEntry(entry));
});
