/**
 * EventBridge event patterns, the part of their grammar rules use: per field, an array of values any of
 * which matches (a literal, or `{prefix}`, `{suffix}`, `{exists}`, `{anything-but}`), and nested objects
 * for nested fields. A field that is an array in the event matches when any of its elements does.
 */
export type EventPattern = { readonly [field: string]: readonly unknown[] | EventPattern };

/** Checks a pattern's grammar; returns what is wrong, or undefined when it is a pattern this module matches. */
export function patternProblem(pattern: unknown, path = ''): string | undefined {
  if (typeof pattern !== 'object' || pattern === null || Array.isArray(pattern)) return `${path || 'the pattern'} must be an object`;
  for (const [field, rule] of Object.entries(pattern)) {
    const at = path ? `${path}.${field}` : field;
    if (Array.isArray(rule)) {
      if (rule.length === 0) return `${at}: an empty array matches nothing`;
      for (const value of rule) {
        if (typeof value !== 'object' || value === null) continue;
        const [kind, ...more] = Object.keys(value);
        if (more.length > 0 || !kind || !['prefix', 'suffix', 'exists', 'anything-but'].includes(kind)) {
          return `${at}: unsupported matcher ${JSON.stringify(value)}`;
        }
      }
    } else {
      const problem = patternProblem(rule, at);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** Whether an event (the envelope EventBridge delivers: source, detail-type, detail…) matches a pattern. */
export function matchesPattern(pattern: EventPattern, event: Record<string, unknown>): boolean {
  return Object.entries(pattern).every(([field, rule]) => {
    const value = event[field];
    if (!Array.isArray(rule)) {
      return (
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        matchesPattern(rule as EventPattern, value as Record<string, unknown>)
      );
    }
    const values = Array.isArray(value) ? value : [value];
    return rule.some((matcher) => matchesValue(matcher, value === undefined ? [] : values));
  });
}

function matchesValue(matcher: unknown, values: readonly unknown[]): boolean {
  if (typeof matcher !== 'object' || matcher === null) return values.some((value) => value === matcher);
  const { prefix, suffix, exists } = matcher as { prefix?: string; suffix?: string; exists?: boolean };
  if (exists !== undefined) return exists === values.length > 0;
  if (prefix !== undefined) return values.some((value) => typeof value === 'string' && value.startsWith(prefix));
  if (suffix !== undefined) return values.some((value) => typeof value === 'string' && value.endsWith(suffix));
  const excluded = (matcher as { 'anything-but': unknown })['anything-but'];
  if (typeof excluded === 'object' && excluded !== null && !Array.isArray(excluded)) {
    const { prefix: notPrefix } = excluded as { prefix?: string };
    return values.some((value) => typeof value === 'string' && notPrefix !== undefined && !value.startsWith(notPrefix));
  }
  const list = Array.isArray(excluded) ? excluded : [excluded];
  return values.some((value) => !list.includes(value));
}
