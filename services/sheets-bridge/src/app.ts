import type { EventPublisher, HandlerTable, Logger, ServicePorts } from '@jobpipe/shared';
import { defineHandlers, defineService } from '@jobpipe/shared';
import type { SheetGateway } from './adapters/sheets-api.js';
import { fixedConnection, SpreadsheetConnection } from './adapters/spreadsheet-connection.js';
import { SyncStatusStore } from './adapters/sync-status-store.js';
import { readSheetsBridgeConfig, SHEETS_BRIDGE_ENV_SCHEMA, type SheetsBridgeConfig } from './config.js';
import type { RowUpdate } from './domain/row-updates.js';
import { applicationFailedHandler, applicationSubmittedHandler } from './handlers/application-outcome.js';
import { crmStageChangedHandler } from './handlers/crm-stage-changed.js';
import { jobScoredHandler } from './handlers/job-scored.js';
import { SheetSync } from './sheet-sync.js';

/** The ports the bridge uses (it reads the tables and writes only its own, `sheetsState`: how its syncs went). */
export type SheetsBridgePorts = Pick<ServicePorts<'sheets-bridge'>, 'publisher' | 'secrets' | 'clock' | 'tables'>;

/** The bridge wired up: handlers, the sync engine, the poller. */
export interface SheetsBridgeService {
  readonly handlers: HandlerTable;
  /** Syncs with the connected spreadsheet; a cycle does nothing (and says undefined) while none is connected. */
  readonly sync: SheetSync;
  /** Starts reading the sheet for edits every `pollSeconds`. */
  startPolling(): void;
  stop(): Promise<void>;
}

/** The gateway to a spreadsheet through Google's Sheets API, signed in with these credentials. */
export async function openGoogleSheet(
  spreadsheetId: string,
  credentials: string,
  config: SheetsBridgeConfig,
  logger: Logger,
): Promise<SheetGateway> {
  // The Google client (~16 MB) loads only once a spreadsheet is connected: an idle bridge stays small.
  const [{ sheetsAuthFrom }, { GoogleSheetGateway }] = await Promise.all([
    import('./adapters/credentials.js'),
    import('./adapters/sheets-api.js'),
  ]);
  return new GoogleSheetGateway(
    {
      auth: sheetsAuthFrom(credentials),
      spreadsheetId,
      tab: config.tab,
      ...(config.rootUrl ? { rootUrl: config.rootUrl } : {}),
      quota: { requestsPerMinute: config.requestsPerMinute, maxRetries: config.maxRetries, baseBackoffMs: config.backoffMs },
    },
    logger,
  );
}

/**
 * Composition root. The spreadsheet is looked up when a sync needs it (JOBPIPE_SHEETS_SPREADSHEET_ID,
 * else the one `jobpipe sheets connect` or the cockpit stored, read again after
 * `connectionCacheSeconds`), so connecting one needs no restart; while none is connected the handlers
 * acknowledge events without syncing. `gateway` replaces the Google client (tests).
 */
export function createSheetsBridgeHandlers(
  ports: SheetsBridgePorts,
  config: SheetsBridgeConfig,
  logger: Logger,
  gateway?: SheetGateway,
): SheetsBridgeService {
  const connection = gateway
    ? fixedConnection(config.spreadsheetId ?? 'given-gateway', gateway)
    : new SpreadsheetConnection(
        {
          fixedSpreadsheetId: config.spreadsheetId,
          credentialsSecret: config.credentialsSecret,
          cacheMs: config.connectionCacheSeconds * 1000,
          open: (spreadsheetId, credentials) => openGoogleSheet(spreadsheetId, credentials, config, logger),
        },
        () => ports.secrets(),
        ports.clock,
        logger,
      );
  const sync = new SheetSync({
    connection,
    status: new SyncStatusStore(ports.tables, ports.clock),
    publisher: ports.publisher,
    clock: ports.clock,
    logger,
    flushDelayMs: config.flushMs,
  });
  let poller: NodeJS.Timeout | undefined;
  return {
    handlers: defineHandlers({
      'job.scored@1': jobScoredHandler(sync, config.minScore),
      'job.scored@2': jobScoredHandler(sync, config.minScore),
      'crm.stage-changed@1': crmStageChangedHandler(sync),
      'application.submitted@1': applicationSubmittedHandler(sync),
      'application.failed@1': applicationFailedHandler(sync),
    }),
    sync,
    startPolling() {
      poller ??= setInterval(() => {
        sync
          .cycle()
          .catch((error: unknown) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'sheet poll failed'));
      }, config.pollSeconds * 1000);
    },
    async stop() {
      if (poller) clearInterval(poller);
      poller = undefined;
      await sync.cycle();
    },
  };
}

/**
 * The sheets-bridge service, as every entry starts it: its handlers, and the poller that reads the
 * sheet for the user's edits (a Lambda polls once per scheduled invocation instead, through `sync`).
 */
export const sheetsBridgeService = defineService({
  name: 'sheets-bridge',
  envSchema: SHEETS_BRIDGE_ENV_SCHEMA,
  readConfig: readSheetsBridgeConfig,
  build: async (ports, config, logger) => {
    const bridge = createSheetsBridgeHandlers(ports, config, logger);
    return {
      handlers: bridge.handlers,
      sync: bridge.sync,
      sideJobs: {
        'sheet-poller': async () => {
          bridge.startPolling();
          return { stop: () => bridge.stop() };
        },
      },
    };
  },
});

/**
 * Rewrites the sheet from the operational tables (`jobpipe run --once`): one row per scored job at or
 * above the minimum score and per CRM-tracked job, then picks up the user's edits. Returns the rows touched.
 */
export async function runFullRebuild(
  ports: SheetsBridgePorts & { publisher: EventPublisher },
  config: SheetsBridgeConfig,
  logger: Logger,
  gateway?: SheetGateway,
): Promise<number> {
  const service = createSheetsBridgeHandlers(ports, config, logger, gateway);
  if (!(await service.sync.cycle())) return 0;
  let touched = 0;
  const describe = async (jobId: string): Promise<Partial<RowUpdate>> => {
    const job = await ports.tables.get('jobs', { jobId });
    if (!job) return {};
    return { title: String(job.title ?? ''), company: String(job.company ?? ''), link: String(job.canonicalUrl ?? '') };
  };
  for await (const items of ports.tables.scanPages('scores', { pageSize: 500 })) {
    const updates: RowUpdate[] = [];
    for (const item of items) {
      if (item.score < config.minScore) continue;
      updates.push({ jobId: item.jobId, changedAt: item.scoredAt, score: item.score, ...(await describe(item.jobId)) });
    }
    touched += updates.length;
    await service.sync.cycle(updates);
  }
  for await (const items of ports.tables.scanPages('crm', { pageSize: 500 })) {
    const updates: RowUpdate[] = [];
    for (const item of items) {
      updates.push({ jobId: item.jobId, changedAt: item.updatedAt, stage: item.stage, ...(await describe(item.jobId)) });
    }
    touched += updates.length;
    await service.sync.cycle(updates);
  }
  await service.stop();
  return touched;
}
