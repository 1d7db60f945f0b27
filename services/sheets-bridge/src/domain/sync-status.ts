import type { SheetsSyncStatusItem } from '@jobpipe/contracts';

/** How a sync ended: the rows it wrote and the edits it read, or why it failed (in words, no secrets). */
export type SyncResult = { readonly rowsWritten: number; readonly editsRead: number } | { readonly error: string };

/** The key of the one status item: the last sync. */
export const LAST_SYNC_KEY = 'sync#last';

/**
 * The status after a sync: its outcome, and since when syncs succeed or how many failed in a row (a
 * sync with another spreadsheet starts the history again).
 */
export function nextSyncStatus(
  previous: SheetsSyncStatusItem | undefined,
  spreadsheetId: string,
  result: SyncResult,
  at: Date,
): SheetsSyncStatusItem {
  const earlier = previous?.spreadsheetId === spreadsheetId ? previous : undefined;
  const syncedAt = at.toISOString();
  if ('error' in result) {
    return {
      key: LAST_SYNC_KEY,
      spreadsheetId,
      syncedAt,
      outcome: 'failed',
      rowsWritten: 0,
      editsRead: 0,
      error: result.error,
      lastSucceededAt: earlier?.lastSucceededAt ?? null,
      failuresInRow: (earlier?.failuresInRow ?? 0) + 1,
    };
  }
  return {
    key: LAST_SYNC_KEY,
    spreadsheetId,
    syncedAt,
    outcome: 'ok',
    rowsWritten: result.rowsWritten,
    editsRead: result.editsRead,
    error: null,
    lastSucceededAt: syncedAt,
    failuresInRow: 0,
  };
}
