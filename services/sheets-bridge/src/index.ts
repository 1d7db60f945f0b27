/**
 * @jobpipe/sheets-bridge — keeps a Google Sheet with one row per tracked job in step with the CRM, both
 * ways: CRM events become batched row writes; stage and note edits made in the sheet become
 * `crm.stage-changed` events (changedBy 'sheet'), last writer wins, no echo.
 */
export { type SheetsAuth, sheetsAuthFrom } from './adapters/credentials.js';
export { GoogleSheetGateway, retryAfterMs, type SheetGateway, type SheetsQuota } from './adapters/sheets-api.js';
export { type SheetConnection, SpreadsheetConnection } from './adapters/spreadsheet-connection.js';
export {
  createSheetsBridgeHandlers,
  openGoogleSheet,
  runFullRebuild,
  type SheetsBridgePorts,
  type SheetsBridgeService,
  sheetsBridgeService,
} from './app.js';
export { readSheetsBridgeConfig, type SheetsBridgeConfig } from './config.js';
export { planSync, type SheetEdit, type SyncPlan } from './domain/reconcile.js';
export type { RowUpdate } from './domain/row-updates.js';
export { COLUMNS, HEADER, neutralize, type SheetRow } from './domain/sheet-row.js';
export { syncErrorReason } from './domain/sync-error.js';
export { nextSyncStatus, type SyncResult } from './domain/sync-status.js';
export { SheetSync, type SyncStatusRecorder } from './sheet-sync.js';
