const MS_PER_DAY = 86_400_000;

/** An instant written as `toISOString` writes it (month, day and time in range; a day up to 28 fits every month). */
const WRITTEN_BY_TO_ISO_STRING = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * The instant as a fixed-width UTC ISO string (sorts as text in every database), or null when unreadable.
 * Stored instants are nearly all in that form already: they are checked by their shape and kept, which costs
 * a fraction of the round trip through `Date` that every other form (offsets, no milliseconds, the 29th to
 * the 31st, which may roll into the next month) still takes.
 */
export function isoInstant(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  if (WRITTEN_BY_TO_ISO_STRING.test(value)) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Days since the Unix epoch (fractional), so durations are plain subtraction in any SQL dialect. */
export function epochDays(iso: string): number {
  return Date.parse(iso) / MS_PER_DAY;
}

/** The UTC day (YYYY-MM-DD) of an ISO instant. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}
