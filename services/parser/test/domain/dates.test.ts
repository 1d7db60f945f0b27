import assert from 'node:assert/strict';
import test from 'node:test';
import { isoString, isoUtc } from '../../src/domain/dates.js';

test('isoString writes what toISOString writes, for times across the years a posting can carry', () => {
  const first = Date.UTC(1990, 0, 1);
  const last = Date.UTC(2200, 11, 31, 23, 59, 59, 999);
  // A fixed-seed walk over the range, plus the edges of each field (single-digit months, days, hours, milliseconds).
  let seed = 15;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const times = [first, last, Date.UTC(2026, 0, 5, 3, 4, 5, 6), Date.UTC(2026, 8, 9, 9, 9, 9, 90), Date.UTC(2026, 11, 31, 23, 59, 59, 100)];
  for (let index = 0; index < 20_000; index++) times.push(Math.floor(first + random() * (last - first)));
  for (const time of times) assert.equal(isoString(new Date(time)), new Date(time).toISOString());
});

test('isoUtc reads the date forms sources send, as ISO 8601 UTC', () => {
  assert.equal(isoUtc('2026-07-14'), '2026-07-14T00:00:00.000Z');
  assert.equal(isoUtc('2026-07-20T00:00'), '2026-07-20T00:00:00.000Z');
  assert.equal(isoUtc('2026-08-31T23:59:59+02:00'), '2026-08-31T21:59:59.000Z');
  assert.equal(isoUtc('2026-10-14T15:02:11.418+00:00'), '2026-10-14T15:02:11.418Z');
  assert.equal(isoUtc('2026-10-27 10:30:00'), '2026-10-27T10:30:00.000Z');
  assert.equal(isoUtc(1760000000000), '2025-10-09T08:53:20.000Z');
  assert.equal(isoUtc('1760000000'), '2025-10-09T08:53:20.000Z');
  assert.equal(isoUtc('May 3, 2016'), new Date('May 3, 2016').toISOString());
  assert.equal(isoUtc('1970-01-01'), null);
  assert.equal(isoUtc('not a date'), null);
  assert.equal(isoUtc(''), null);
});

test('isoUtc reads bare dates and UTC date-times as Date.parse does, at the edges of every field', () => {
  const asDateParseReads = (text: string) => {
    const time = Date.parse(text.includes('T') ? text : `${text}T00:00:00Z`);
    if (!Number.isFinite(time)) return null;
    const year = new Date(time).getUTCFullYear();
    return year >= 1990 && year <= 2200 ? new Date(time).toISOString() : null;
  };
  const texts: string[] = [];
  for (const year of ['1989', '1990', '2000', '2024', '2026', '2100', '2200', '2201']) {
    for (const month of ['00', '01', '02', '04', '12', '13']) {
      for (const day of ['00', '01', '28', '29', '30', '31', '32']) {
        const date = `${year}-${month}-${day}`;
        texts.push(date);
        for (const time of ['00:00:00', '23:59:59', '24:00:00', '12:60:00', '12:00:60'])
          texts.push(`${date}T${time}Z`, `${date}T${time}.000Z`, `${date}T${time}.999Z`);
      }
    }
  }
  for (const text of texts) assert.equal(isoUtc(text), asDateParseReads(text), text);
  assert.equal(isoUtc('  2026-07-14 '), '2026-07-14T00:00:00.000Z');
});
