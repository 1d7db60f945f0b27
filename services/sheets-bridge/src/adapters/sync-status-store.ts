import type { Clock, ServiceTables } from '@jobpipe/shared';
import { LAST_SYNC_KEY, nextSyncStatus, type SyncResult } from '../domain/sync-status.js';

/**
 * The bridge's record of its last sync, in its own table (`sheetsState`): crm-api reads it, read only,
 * for GET /sheets/connection, `jobpipe sheets status` and the cockpit's settings.
 */
export class SyncStatusStore {
  constructor(
    private readonly tables: ServiceTables<'sheets-bridge'>,
    private readonly clock: Clock,
  ) {}

  /** Records how a sync with `spreadsheetId` ended. */
  async record(spreadsheetId: string, result: SyncResult): Promise<void> {
    const previous = await this.tables.get('sheetsState', { key: LAST_SYNC_KEY });
    await this.tables.put('sheetsState', nextSyncStatus(previous, spreadsheetId, result, this.clock.now()));
  }
}
