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
    const canonical = canonicalUtc(text);
    if (canonical !== undefined) return canonical;
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

/** A bare date, or a UTC date-time to the second (milliseconds optional) ending in Z: the forms most sources send. */
const DATE_OR_UTC_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(\.\d{3})?Z)?$/;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * A bare date or UTC date-time written as isoUtc writes it, without a Date: the text is already the
 * answer, or nearly. Undefined for anything else (an offset, a day past the month's end, hour 24, a
 * year out of range…), which the general reading handles.
 */
function canonicalUtc(text: string): string | undefined {
  const match = DATE_OR_UTC_TIME.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1990 || year > 2200 || month < 1 || month > 12 || day < 1 || (day > 28 && day > daysInMonth(year, month))) return undefined;
  if (match[4] === undefined) return `${text}T00:00:00.000Z`;
  if (Number(match[4]) > 23 || Number(match[5]) > 59 || Number(match[6]) > 59) return undefined;
  return match[7] === undefined ? `${text.slice(0, -1)}.000Z` : text;
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
