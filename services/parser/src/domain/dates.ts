/**
 * A source's date as ISO 8601 UTC, or null when it is absent or unreadable. Accepts ISO date-times with
 * or without an offset (without one: read as UTC), bare dates (midnight UTC), epoch milliseconds or
 * seconds, and the English forms Date.parse reads ("May 3, 2016").
 */
export function isoUtc(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  let time: number;
  if (typeof value === 'number') {
    time = value < 1e11 ? value * 1000 : value;
  } else if (typeof value === 'string') {
    const text = value.trim();
    if (/^\d{10,13}$/.test(text)) return isoUtc(Number(text));
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) time = Date.parse(`${text}T00:00:00Z`);
    else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) time = Date.parse(`${text.replace(' ', 'T')}Z`);
    else time = Date.parse(text);
  } else {
    return null;
  }
  if (!Number.isFinite(time)) return null;
  const date = new Date(time);
  const year = date.getUTCFullYear();
  return year >= 1990 && year <= 2200 ? isoString(date) : null;
}

const twoDigits = (value: number) => (value < 10 ? `0${value}` : `${value}`);
const threeDigits = (value: number) => (value < 100 ? `0${twoDigits(value)}` : `${value}`);

/**
 * What `toISOString` writes for a date of a four-digit year, built from its UTC fields: V8's own
 * `toISOString` costs several times as much, and every posting has two dates.
 */
export function isoString(date: Date): string {
  const day = `${date.getUTCFullYear()}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}`;
  const time = `${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}:${twoDigits(date.getUTCSeconds())}`;
  return `${day}T${time}.${threeDigits(date.getUTCMilliseconds())}Z`;
}
