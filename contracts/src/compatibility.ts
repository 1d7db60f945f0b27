/**
 * Schema compatibility: within one major version a change may only ADD: optional properties, and
 * values at the end of an enum (a new job source). Anything else (removing or renaming a field, making
 * it required or optional, changing a type, removing or reordering enum values, a pattern, a bound)
 * needs a new major version published side by side.
 */

type Schema = Record<string, unknown>;

/** Keywords that document but do not constrain; changing them is always compatible. */
const ANNOTATIONS = new Set(['title', 'description', '$comment', 'examples', '$id', '$schema']);

function isObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * An enum that keeps every released value, in order, and only appends new ones. A value appears in
 * events only once a search names it, and searches are checked by the crm-api of the same release, so
 * a consumer of the old release never meets it through configuration it accepted.
 */
function isWidening(before: readonly unknown[], after: readonly unknown[]): boolean {
  return after.length > before.length && before.every((value, index) => same(value, after[index]));
}

/** Lists the breaking differences between a released schema and its candidate (both dereferenced). */
export function breakingChanges(released: unknown, candidate: unknown, path = ''): string[] {
  if (!isObject(released) || !isObject(candidate)) {
    return same(released, candidate) ? [] : [`${path || '/'}: changed from ${JSON.stringify(released)} to ${JSON.stringify(candidate)}`];
  }
  const problems: string[] = [];
  const keys = new Set([...Object.keys(released), ...Object.keys(candidate)]);
  for (const key of keys) {
    if (ANNOTATIONS.has(key)) continue;
    const before = released[key];
    const after = candidate[key];
    if (key === 'properties' && isObject(before) && isObject(after)) {
      const required = new Set((candidate.required as string[] | undefined) ?? []);
      for (const name of Object.keys(before)) {
        if (!(name in after)) problems.push(`${path}/${name}: removed`);
        else problems.push(...breakingChanges(before[name], after[name], `${path}/${name}`));
      }
      for (const name of Object.keys(after)) {
        if (!(name in before) && required.has(name))
          problems.push(`${path}/${name}: added as required (only optional fields may be added)`);
      }
      continue;
    }
    if (key === 'required') {
      const was = new Set((before as string[] | undefined) ?? []);
      const now = new Set((after as string[] | undefined) ?? []);
      const properties = isObject(released.properties) ? released.properties : {};
      for (const name of was) if (!now.has(name)) problems.push(`${path}/${name}: no longer required`);
      for (const name of now) if (!was.has(name) && name in properties) problems.push(`${path}/${name}: became required`);
      continue;
    }
    if (key === 'enum' && Array.isArray(before) && Array.isArray(after) && isWidening(before, after)) continue;
    if (before === undefined) problems.push(`${path || '/'}: added constraint '${key}'`);
    else if (after === undefined) problems.push(`${path || '/'}: removed constraint '${key}'`);
    else if (isObject(before) || Array.isArray(before)) {
      if (Array.isArray(before) && Array.isArray(after) && before.length === after.length && before.every(isObject)) {
        for (const [i, item] of before.entries()) problems.push(...breakingChanges(item, after[i], `${path}/${key}[${i}]`));
      } else if (isObject(before) && isObject(after)) {
        problems.push(...breakingChanges(before, after, `${path}/${key}`));
      } else if (!same(before, after)) problems.push(`${path || '/'}: '${key}' changed`);
    } else if (!same(before, after))
      problems.push(`${path || '/'}: '${key}' changed from ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
  }
  return problems;
}
