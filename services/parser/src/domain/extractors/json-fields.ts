/** Small readers for loosely typed JSON from sources: they never throw, they return null. */

/** The value as an object, or undefined. */
export function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The value as an array (a lone value becomes a one-element array; null/undefined an empty one). */
export function list(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A non-empty trimmed string (numbers are turned into strings), or null. */
export function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : null;
}

/** The first non-null reading of several candidates. */
export function firstText(...values: unknown[]): string | null {
  for (const value of values) {
    const found = text(value);
    if (found !== null) return found;
  }
  return null;
}

/** Strings found at `key` in each element of a list of objects (e.g. `[{ skill: 'Java' }]` → `['Java']`). */
export function pluck(values: unknown, key: string): string[] {
  return list(values)
    .map((entry) => text(record(entry)?.[key]))
    .filter((entry): entry is string => entry !== null);
}

/** "acme-corp" → "Acme Corp": a board or company slug from a URL, as a readable name. */
export function nameFromSlug(slug: string): string {
  return slug
    .split(/[-_]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** The path segment after `marker` in a URL (e.g. the board of `/v1/boards/{board}/jobs`), or null. */
export function segmentAfter(url: string | null | undefined, marker: string): string | null {
  if (!url) return null;
  try {
    const parts = new URL(url).pathname.split('/').filter(Boolean);
    const at = parts.indexOf(marker);
    return at >= 0 && parts[at + 1] ? decodeURIComponent(parts[at + 1]!) : null;
  } catch {
    return null;
  }
}
