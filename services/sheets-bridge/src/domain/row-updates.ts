/** A change the CRM side wants reflected in a job's row. */
export interface RowUpdate {
  readonly jobId: string;
  /** When the change happened (last writer wins against sheet edits by this time). */
  readonly changedAt: string;
  readonly title?: string;
  readonly company?: string;
  readonly score?: number;
  readonly link?: string;
  readonly stage?: string;
  readonly notes?: string;
  readonly application?: string;
}

/** Folds updates per job, later changes overriding earlier ones field by field. */
export function mergeUpdates(updates: readonly RowUpdate[]): Map<string, RowUpdate> {
  const merged = new Map<string, RowUpdate>();
  for (const update of [...updates].sort((a, b) => a.changedAt.localeCompare(b.changedAt))) {
    const previous = merged.get(update.jobId);
    const defined = Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined));
    merged.set(update.jobId, { ...previous, ...defined } as RowUpdate);
  }
  return merged;
}
