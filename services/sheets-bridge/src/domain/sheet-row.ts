import { createHash } from 'node:crypto';

/** The columns of the jobs sheet, in order. `sync` is the bridge's own bookkeeping: leave it alone. */
export const COLUMNS = ['id', 'title', 'company', 'score', 'stage', 'link', 'notes', 'application', 'updated-at', 'sync'] as const;
export type Column = (typeof COLUMNS)[number];

/** The header row written above the data. */
export const HEADER: readonly string[] = COLUMNS.map((column) => (column === 'sync' ? 'sync (do not edit)' : column));

/** Last column letter (the sheet uses A..J). */
export const LAST_COLUMN = String.fromCharCode('A'.charCodeAt(0) + COLUMNS.length - 1);

/** One job's row as the bridge reads and writes it. */
export interface SheetRow {
  readonly jobId: string;
  readonly title: string;
  readonly company: string;
  readonly score: number | null;
  readonly stage: string;
  readonly link: string;
  readonly notes: string;
  readonly application: string;
  /** Time of the latest change this row reflects (a CRM change or an accepted sheet edit). */
  readonly updatedAt: string;
  /** What the bridge last wrote into stage and notes: `<stage>|<hash of stage and notes cells>`. */
  readonly sync: string;
}

/** A cell value as the Sheets API carries it. */
export type CellValue = string | number;

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that a spreadsheet could take for a formula (starting with = + - @, or tab/CR) gets a leading
 * apostrophe, so a posting cannot inject one even if the sheet is exported and reopened elsewhere.
 */
export function neutralize(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The text a neutralized cell stands for. */
export function unneutralize(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** The sync marker for stage and notes cells as written. */
export function syncMarker(stageCell: string, notesCell: string): string {
  const hash = createHash('sha256').update(`${stageCell}\u0000${notesCell}`).digest('hex').slice(0, 16);
  return `${stageCell}|${hash}`;
}

/** The stage the bridge last wrote, from a sync marker ('' when none). */
export function syncedStage(sync: string): string {
  const bar = sync.lastIndexOf('|');
  return bar < 0 ? '' : sync.slice(0, bar);
}

/** Cells of a row, in column order, every text neutralized. */
export function rowToCells(row: SheetRow): CellValue[] {
  return [
    neutralize(row.jobId),
    neutralize(row.title),
    neutralize(row.company),
    row.score ?? '',
    neutralize(row.stage),
    neutralize(row.link),
    neutralize(row.notes),
    neutralize(row.application),
    row.updatedAt,
    row.sync,
  ];
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value);
}

/** A row read back from cells (texts un-neutralized), or undefined for a row without a job id. */
export function cellsToRow(cells: readonly unknown[]): SheetRow | undefined {
  const jobId = unneutralize(text(cells[0]).trim());
  if (jobId === '') return undefined;
  const score = cells[3];
  const numericScore = typeof score === 'number' ? score : score === '' || score === undefined ? null : Number(score);
  return {
    jobId,
    title: unneutralize(text(cells[1])),
    company: unneutralize(text(cells[2])),
    score: numericScore === null || Number.isNaN(numericScore) ? null : numericScore,
    stage: unneutralize(text(cells[4]).trim()),
    link: unneutralize(text(cells[5])),
    notes: unneutralize(text(cells[6])),
    application: unneutralize(text(cells[7])),
    updatedAt: text(cells[8]),
    sync: text(cells[9]),
  };
}

/** Whether the user changed the stage or notes cells since the bridge last wrote them. */
export function isEditedInSheet(row: SheetRow): boolean {
  return syncMarker(neutralize(row.stage), neutralize(row.notes)) !== row.sync;
}
