import type { Clock, EventPublisher, Logger } from '@jobpipe/shared';
import type { SheetGateway } from './adapters/sheets-api.js';
import type { SheetConnection } from './adapters/spreadsheet-connection.js';
import { planSync, type SyncPlan } from './domain/reconcile.js';
import { mergeUpdates, type RowUpdate } from './domain/row-updates.js';
import { cellsToRow, HEADER, rowToCells, type SheetRow } from './domain/sheet-row.js';
import { syncErrorReason } from './domain/sync-error.js';
import type { SyncResult } from './domain/sync-status.js';

/** Where the outcome of each sync is kept (the bridge's `sheetsState` table). */
export interface SyncStatusRecorder {
  record(spreadsheetId: string, result: SyncResult): Promise<void>;
}

interface Waiting {
  readonly update: RowUpdate;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Keeps the sheet and the CRM in step. Every cycle asks the connection for the spreadsheet (none
 * connected: the cycle does nothing), reads the tab once, turns the user's edits into
 * `crm.stage-changed` events (published before anything is written, so an edit is never lost), then
 * writes the changed rows in one batchUpdate and the new ones in one append, and records how it ended
 * (`SyncStatusRecorder`). Cycles never overlap; updates pushed within `flushDelayMs` of each other
 * share a cycle.
 */
export class SheetSync {
  private chain: Promise<unknown> = Promise.resolve();
  private waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: {
      connection: SheetConnection;
      status: SyncStatusRecorder;
      publisher: EventPublisher;
      clock: Clock;
      logger: Logger;
      flushDelayMs: number;
    },
  ) {}

  /** Queues a row update; resolves once a cycle has written it (or rejects with that cycle's error). */
  push(update: RowUpdate): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ update, resolve, reject });
      this.timer ??= setTimeout(() => this.flush(), this.deps.flushDelayMs);
    });
  }

  /** Runs one cycle with the given updates (none: just pick up the user's edits); undefined when no spreadsheet is connected. */
  cycle(updates: readonly RowUpdate[] = []): Promise<SyncPlan | undefined> {
    const run = this.chain.then(() => this.runCycle(updates));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private flush(): void {
    this.timer = undefined;
    const batch = this.waiting;
    this.waiting = [];
    this.cycle(batch.map((entry) => entry.update)).then(
      () => {
        for (const entry of batch) entry.resolve();
      },
      (error: unknown) => {
        for (const entry of batch) entry.reject(error);
      },
    );
  }

  private async runCycle(updates: readonly RowUpdate[]): Promise<SyncPlan | undefined> {
    const spreadsheetId = await this.deps.connection.spreadsheetId();
    if (!spreadsheetId) return undefined;
    let plan: SyncPlan;
    try {
      plan = await this.syncWith(await this.deps.connection.gateway(), updates);
    } catch (error) {
      await this.record(spreadsheetId, { error: syncErrorReason(error) });
      throw error;
    }
    await this.record(spreadsheetId, { rowsWritten: plan.rewrites.length + plan.appends.length, editsRead: plan.edits.length });
    return plan;
  }

  /** Records a sync's outcome; a failure to record it is logged, not the sync's failure. */
  private async record(spreadsheetId: string, result: SyncResult): Promise<void> {
    try {
      await this.deps.status.record(spreadsheetId, result);
    } catch (error) {
      this.deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'the sync status could not be recorded');
    }
  }

  private async syncWith(gateway: SheetGateway, updates: readonly RowUpdate[]): Promise<SyncPlan> {
    const { publisher, clock, logger } = this.deps;
    const cells = await gateway.readAll();
    const rows = new Map<string, { rowNumber: number; row: SheetRow }>();
    cells.slice(1).forEach((rowCells, index) => {
      const row = cellsToRow(rowCells);
      if (row && !rows.has(row.jobId)) rows.set(row.jobId, { rowNumber: index + 2, row });
    });
    const plan = planSync(rows, mergeUpdates(updates), clock.now().toISOString());
    if (plan.edits.length > 0) {
      await publisher.publish(
        plan.edits.map((edit) => ({
          detailType: 'crm.stage-changed' as const,
          data: {
            jobId: edit.jobId,
            from: edit.from,
            to: edit.to,
            closedReason: null,
            changedAt: edit.changedAt,
            changedBy: 'sheet' as const,
            ...(edit.note !== undefined ? { note: edit.note } : {}),
          },
        })),
      );
      logger.info({ edits: plan.edits.length }, 'sheet edits published as CRM changes');
    }
    for (const invalid of plan.invalid) logger.warn(invalid, 'sheet row has an unknown stage; left as it is');
    // On an empty tab the header goes in first, so the appended rows land below it.
    const header = cells[0]?.join('\u0000') === HEADER.join('\u0000') ? [] : [{ rowNumber: 1, cells: [...HEADER] }];
    await gateway.writeRows([...header, ...plan.rewrites.map(({ rowNumber, row }) => ({ rowNumber, cells: rowToCells(row) }))]);
    await gateway.appendRows(plan.appends.map(rowToCells));
    return plan;
  }
}
