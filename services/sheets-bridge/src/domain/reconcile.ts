import { type CrmStage, isCrmStage } from '@jobpipe/contracts';
import type { RowUpdate } from './row-updates.js';
import { isEditedInSheet, neutralize, type SheetRow, syncedStage, syncMarker } from './sheet-row.js';

/** A stage or note the user changed in the sheet, to become a `crm.stage-changed`. */
export interface SheetEdit {
  readonly jobId: string;
  readonly from: CrmStage | null;
  readonly to: CrmStage;
  readonly note: string | undefined;
  readonly changedAt: string;
}

/** What one sync cycle does. */
export interface SyncPlan {
  readonly edits: SheetEdit[];
  /** Existing rows to rewrite, by sheet row number (1-based). */
  readonly rewrites: { rowNumber: number; row: SheetRow }[];
  /** New rows to append. */
  readonly appends: SheetRow[];
  /** Rows whose stage cell holds no known stage (left as they are, reported). */
  readonly invalid: { jobId: string; stage: string }[];
}

function withSync(row: SheetRow): SheetRow {
  return { ...row, sync: syncMarker(neutralize(row.stage), neutralize(row.notes)) };
}

function sameRow(a: SheetRow, b: SheetRow): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Plans a sync cycle from the sheet as just read and the CRM updates waiting. A stage or note the user
 * edited becomes an edit, stamped `now` (when it was seen); a CRM update changes stage/notes only when
 * it is newer than the row's last accepted change, so the last writer wins. Rows are rewritten only
 * when something changed, and the sync marker records what was written, so the bridge never reads its
 * own writes back as edits.
 */
export function planSync(
  rows: ReadonlyMap<string, { rowNumber: number; row: SheetRow }>,
  updates: ReadonlyMap<string, RowUpdate>,
  now: string,
): SyncPlan {
  const plan: SyncPlan = { edits: [], rewrites: [], appends: [], invalid: [] };
  const touched = new Set<string>(updates.keys());
  for (const [jobId, { row }] of rows) if (isEditedInSheet(row)) touched.add(jobId);

  for (const jobId of touched) {
    const existing = rows.get(jobId);
    let row: SheetRow = existing?.row ?? {
      jobId,
      title: '',
      company: '',
      score: null,
      stage: '',
      link: '',
      notes: '',
      application: '',
      updatedAt: '',
      sync: '',
    };
    if (existing && isEditedInSheet(row)) {
      const to = row.stage;
      if (!isCrmStage(to)) {
        plan.invalid.push({ jobId, stage: row.stage });
        continue;
      }
      const before = syncedStage(row.sync);
      const notesChanged = syncMarker(neutralize(before), neutralize(row.notes)) !== row.sync;
      const note = notesChanged && row.notes !== '' ? row.notes : undefined;
      // Clearing a note is not a CRM change; anything else is.
      if (to !== before || note !== undefined) {
        plan.edits.push({ jobId, from: isCrmStage(before) ? before : null, to, note, changedAt: now });
      }
      row = { ...row, updatedAt: now };
    }
    const update = updates.get(jobId);
    if (update) {
      row = {
        ...row,
        ...(update.title !== undefined ? { title: update.title } : {}),
        ...(update.company !== undefined ? { company: update.company } : {}),
        ...(update.score !== undefined ? { score: update.score } : {}),
        ...(update.link !== undefined ? { link: update.link } : {}),
        ...(update.application !== undefined ? { application: update.application } : {}),
      };
      if ((update.stage !== undefined || update.notes !== undefined) && update.changedAt >= row.updatedAt) {
        row = {
          ...row,
          ...(update.stage !== undefined ? { stage: update.stage } : {}),
          ...(update.notes !== undefined ? { notes: update.notes } : {}),
          updatedAt: update.changedAt,
        };
      }
      if (row.updatedAt === '') row = { ...row, updatedAt: update.changedAt };
    }
    const written = withSync(row);
    if (!existing) plan.appends.push(written);
    else if (!sameRow(written, existing.row)) plan.rewrites.push({ rowNumber: existing.rowNumber, row: written });
  }
  return plan;
}
