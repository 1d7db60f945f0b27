/**
 * How `jobpipe reparse` shows what an extractor change did: per field, how many jobs changed and a few
 * examples of before → after (lists as what was added and removed).
 */
import type { FieldChangeCount } from '@jobpipe/parser';
import Table from 'cli-table3';
import { cliTableStyle } from '../stack/table-style.js';

const MAX_VALUE_CHARS = 60;

function shown(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((entry) => typeof entry === 'string');

/** One change in a line: `+added −removed` for lists of strings, `before → after` for anything else. */
export function describeChange(before: unknown, after: unknown): string {
  if (isStringList(before) && isStringList(after)) {
    const added = after.filter((entry) => !before.includes(entry)).map((entry) => `+${entry}`);
    const removed = before.filter((entry) => !after.includes(entry)).map((entry) => `−${entry}`);
    const moved = added.length + removed.length === 0 ? ['(same entries, new order)'] : [];
    return [...added, ...removed, ...moved].join(' ');
  }
  return `${shown(before)} → ${shown(after)}`;
}

/** The table of changed fields, or a line saying no field changed. */
export function fieldChangesTable(counts: readonly FieldChangeCount[]): string {
  if (counts.length === 0) return 'no field of a stored job changed';
  const table = new Table({ head: ['field', 'jobs changed', 'examples'], ...cliTableStyle() });
  for (const { field, jobs, examples } of counts) {
    const lines = examples.map(({ jobId, before, after }) => `${jobId}: ${describeChange(before, after)}`);
    table.push([field, String(jobs), lines.join('\n')]);
  }
  return table.toString();
}
