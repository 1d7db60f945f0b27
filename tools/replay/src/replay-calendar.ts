import type { SeededRandom } from './seeded-random.js';

const DAY_MS = 86_400_000;

/** The start (00:00 UTC) of the day `at` falls in. */
export const startOfUtcDay = (at: Date): Date => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);

/** Whole days from `from` to `to` (negative when `to` is earlier), by their UTC days. */
export const daysBetween = (from: Date, to: Date): number =>
  Math.round((startOfUtcDay(to).getTime() - startOfUtcDay(from).getTime()) / DAY_MS);

/** `date` moved by whole days. */
export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * DAY_MS);

/** The dates of one generated posting: when it was posted and the closing date its source gives. */
export interface PostingDates {
  readonly postedAt: Date;
  readonly closesAt: Date;
}

/**
 * Draws a posting's dates relative to `today`, so the replay looks like a board read today whenever it
 * runs; a seed draws the same ages and windows on every day (only the shift to today differs).
 * Ages lean young as on real boards (61·u² days: median 15, about one in eight older than 45 days); the
 * closing date is 30–90 days after posting (USAJOBS announcements run weeks to a few months, MCF postings
 * 30 days and more, JSON-LD `validThrough` usually one to three months), so a few postings (about 7 %) are
 * already past their closing date, as on a real board.
 */
export function drawPostingDates(random: SeededRandom, today: Date): PostingDates {
  const ageDays = Math.floor(61 * random.next() ** 2);
  const postedAt = addDays(startOfUtcDay(today), -ageDays);
  return { postedAt, closesAt: addDays(postedAt, random.int(30, 90)) };
}

/** `YYYY-MM-DD` dates (alone or starting a date-time) that are real calendar days. */
const ISO_DATE = /(?<![\d-])(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\d])/g;
/** A JSON number of 13 digits between 2001 and 2033 as the value of a field: epoch milliseconds (Lever's `createdAt`). */
const EPOCH_MS_VALUE = /(":\s*)(1\d{12})(?=\s*[,}\]])/g;

/**
 * A recorded answer's dates moved by whole days: every ISO-8601 calendar date (times and offsets kept) and
 * every epoch-millisecond field value. Recordings keep the dates of the day they were taken; the replay
 * serves them as if taken `days` later, so a recorded posting is as fresh (or as close to its closing
 * date) today as it was then.
 */
export function shiftRecordedDates(text: string, days: number): string {
  if (days === 0) return text;
  return text
    .replace(ISO_DATE, (whole, year: string, month: string, dayOfMonth: string) => {
      const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(dayOfMonth)));
      return date.getUTCDate() === Number(dayOfMonth) ? addDays(date, days).toISOString().slice(0, 10) : whole;
    })
    .replace(EPOCH_MS_VALUE, (_whole, prefix: string, ms: string) => `${prefix}${Number(ms) + days * DAY_MS}`);
}
