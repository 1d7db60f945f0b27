import type { ImportRow } from '@jobpipe/contracts';

/** Columns an import may carry (the fields of the contracts `import-row` definition). */
export const IMPORT_COLUMNS = [
  'externalId',
  'title',
  'company',
  'url',
  'location',
  'remote',
  'description',
  'salaryMin',
  'salaryMax',
  'salaryCurrency',
  'salaryPeriod',
  'employmentType',
  'skills',
  'experienceYearsMin',
  'postedAt',
] as const satisfies readonly (keyof ImportRow)[];

const NUMBER_COLUMNS = new Set<string>(['salaryMin', 'salaryMax', 'experienceYearsMin']);
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

/** Header names the import does not know, so an upload can be refused before any row is read. */
export function unknownColumns(header: readonly string[]): string[] {
  const known = new Set<string>(IMPORT_COLUMNS);
  return header.filter((name) => !known.has(name));
}

/**
 * Turns one CSV record (all strings) into a candidate import row: empty cells are left out, numbers
 * and yes/no become numbers and booleans, skills are split on `;` or `|`. A cell that does not parse
 * is kept as text so validation names it.
 */
export function importRowFromCsv(record: Readonly<Record<string, string>>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries(record)) {
    const cell = raw.trim();
    if (cell === '') continue;
    if (NUMBER_COLUMNS.has(column)) {
      const value = Number(cell);
      row[column] = Number.isFinite(value) ? value : cell;
    } else if (column === 'remote') {
      const word = cell.toLowerCase();
      row[column] = TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : cell;
    } else if (column === 'skills') {
      row[column] = cell
        .split(/[;|]/)
        .map((skill) => skill.trim())
        .filter((skill) => skill.length > 0);
    } else {
      row[column] = cell;
    }
  }
  return row;
}

/** A row that failed validation, with its 1-based row number and the reasons. */
export interface RejectedRow {
  readonly rowNumber: number;
  readonly errors: string[];
}

/** A row that passed validation, as it travels in an import chunk. */
export interface AcceptedRow {
  readonly rowNumber: number;
  readonly row: ImportRow;
}
