import type { JobSort } from '../domain/job-query.js';

/**
 * A number as 16 hex digits that sort as strings in the order of the numbers: the IEEE 754 bits with
 * the sign bit set for positives and every bit flipped for negatives. Index sort keys are strings
 * (the tables' rule), so the listing's numeric sort values are stored this way.
 */
export function sortableNumber(value: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value === 0 ? 0 : value); // -0 sorts with 0, as in SQLite
  let high = view.getUint32(0);
  let low = view.getUint32(4);
  if (high & 0x8000_0000) {
    high = ~high >>> 0;
    low = ~low >>> 0;
  } else {
    high = (high | 0x8000_0000) >>> 0;
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

/**
 * The index sort key of a job in one order: its sort value, then its job id, so keys are unique and
 * sort as `(value, jobId)` does. A number has a fixed width; a date is followed by a space, which sorts
 * below every character an ISO date-time holds, so a shorter date that is a prefix of a longer one
 * still sorts first.
 */
export function listingSortKey(sort: JobSort, value: number | string, jobId: string): string {
  if (sort === 'posted') return `${String(value)} ${jobId}`;
  return `${sortableNumber(typeof value === 'number' ? value : Number(value))}${jobId}`;
}

/** The smallest sort key a job with this sort value (or more) can have. */
export function listingSortFloor(sort: JobSort, value: number | string): string {
  return sort === 'posted' ? String(value) : sortableNumber(typeof value === 'number' ? value : Number(value));
}

/** Compares two keys as DynamoDB and SQLite order strings: by their UTF-8 bytes. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
