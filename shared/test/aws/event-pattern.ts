/**
 * EventBridge's matching for the pattern forms jobpipe's rules use: a field's list of values matches when
 * the event's value equals one of them, `{ prefix }` when it starts with it; every field of the pattern
 * must match, nested objects field by field. Written from the EventBridge documentation ("Creating event
 * patterns": value arrays, prefix matching), for tests of which events a rule routes.
 */
type PatternValue = string | { readonly prefix: string };
export type EventPattern = { readonly [field: string]: readonly PatternValue[] | EventPattern };

export function matchesPattern(pattern: EventPattern, event: Record<string, unknown>): boolean {
  return Object.entries(pattern).every(([field, expected]) => {
    const actual = event[field];
    if (!Array.isArray(expected)) {
      return typeof actual === 'object' && actual !== null && matchesPattern(expected as EventPattern, actual as Record<string, unknown>);
    }
    if (typeof actual !== 'string') return false;
    return (expected as readonly PatternValue[]).some((value) =>
      typeof value === 'string' ? value === actual : actual.startsWith(value.prefix),
    );
  });
}
