import type { EventHandler } from '@jobpipe/shared';
import type { SheetSync } from '../sheet-sync.js';

/**
 * crm.stage-changed → the row's stage and notes, unless the sheet holds a later edit. The bridge's own
 * events (changedBy 'sheet') come back here too: the row already shows them, so nothing is written.
 */
export function crmStageChangedHandler(sync: SheetSync): EventHandler<'crm.stage-changed'> {
  return async (event) => {
    const { jobId, to, note, changedAt } = event.detail.data;
    await sync.push({ jobId, changedAt, stage: to, ...(note !== undefined ? { notes: note } : {}) });
  };
}
