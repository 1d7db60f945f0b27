const MS_PER_DAY = 86_400_000;

/** The instant as a fixed-width UTC ISO string (sorts as text in every database), or null when unreadable. */
export function isoInstant(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
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
