import type { Item, WriteCondition } from '../ports/tables.js';

/** Whether a write condition holds against the current item (undefined when absent). */
export function conditionHolds(condition: WriteCondition | undefined, current: Item | undefined): boolean {
  if (!condition) return true;
  if (condition.kind === 'notExists') return current === undefined;
  if (current === undefined) return condition.orNotExists;
  const actual = current[condition.attribute];
  if (actual === undefined) return condition.op === 'ne' || condition.orNotExists;
  const expected = condition.value;
  switch (condition.op) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    case 'lt':
      return (actual as never) < (expected as never);
    case 'le':
      return (actual as never) <= (expected as never);
    case 'gt':
      return (actual as never) > (expected as never);
    case 'ge':
      return (actual as never) >= (expected as never);
  }
}
