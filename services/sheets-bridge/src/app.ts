import { SETTING_SECRET_NAMES } from '@jobpipe/contracts';
import type { EventPublisher, HandlerTable, Logger, ServicePorts } from '@jobpipe/shared';
import { ConfigError, defineHandlers, defineService, inBatches } from '@jobpipe/shared';
import type { SheetGateway } from './adapters/sheets-api.js';
import { readSheetsBridgeConfig, SHEETS_BRIDGE_ENV_SCHEMA, type SheetsBridgeConfig } from './config.js';
import type { RowUpdate } from './domain/row-updates.js';
import { applicationFailedHandler, applicationSubmittedHandler } from './handlers/application-outcome.js';
import { crmStageChangedHandler } from './handlers/crm-stage-changed.js';
import { jobScoredHandler } from './handlers/job-scored.js';
import { SheetSync } from './sheet-sync.js';

/** The ports the bridge uses (it reads the tables and writes none of them). */
export type SheetsBridgePorts = Pick<ServicePorts<'sheets-bridge'>, 'publisher' | 'secrets' | 'clock' | 'tables'>;

/** The bridge wired up: handlers, the sync engine (undefined when no spreadsheet is configured), the poller. */
export interface SheetsBridgeService {
  readonly handlers: HandlerTable;
  readonly sync: SheetSync | undefined;
  /** Starts reading the sheet for edits every `pollSeconds`. */
  startPolling(): void;
  stop(): Promise<void>;
}

/**
 * The spreadsheet to keep in step: JOBPIPE_SHEETS_SPREADSHEET_ID, else the one the cockpit or
 * `jobpipe sheets connect` stored; undefined (the bridge is off) when neither is set or no secret store exists.
 */
export async function configuredSpreadsheetId(
  ports: Pick<SheetsBridgePorts, 'secrets'>,
  config: SheetsBridgeConfig,
): Promise<string | undefined> {
  if (config.spreadsheetId) return config.spreadsheetId;
  try {
    return await ports.secrets().get(SETTING_SECRET_NAMES.sheetsSpreadsheetId);
  } catch (error) {
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
}

/** The gateway to the configured spreadsheet, with credentials from the secret store. */
export async function createSheetGateway(
  ports: Pick<SheetsBridgePorts, 'secrets'>,
  config: SheetsBridgeConfig & { readonly spreadsheetId: string },
  logger: Logger,
): Promise<SheetGateway> {
  const secret = await ports.secrets().get(config.credentialsSecret);
  if (!secret) throw new Error(`secret '${config.credentialsSecret}' with the Google credentials is missing`);
  // The Google client (~16 MB) loads only when a spreadsheet is configured: an idle bridge stays small.
  const [{ sheetsAuthFrom }, { GoogleSheetGateway }] = await Promise.all([
    import('./adapters/credentials.js'),
    import('./adapters/sheets-api.js'),
  ]);
  return new GoogleSheetGateway(
    {
      auth: sheetsAuthFrom(secret),
      spreadsheetId: config.spreadsheetId,
      tab: config.tab,
      ...(config.rootUrl ? { rootUrl: config.rootUrl } : {}),
      quota: { requestsPerMinute: config.requestsPerMinute, maxRetries: config.maxRetries, baseBackoffMs: config.backoffMs },
    },
    logger,
  );
}

/**
 * Composition root. With no spreadsheet configured the bridge is off: its handlers acknowledge events
 * without syncing (said once at startup). `gateway` replaces the Google client (tests).
 */
export async function createSheetsBridgeHandlers(
  ports: SheetsBridgePorts,
  config: SheetsBridgeConfig,
  logger: Logger,
  gateway?: SheetGateway,
): Promise<SheetsBridgeService> {
  const spreadsheetId = gateway ? config.spreadsheetId : await configuredSpreadsheetId(ports, config);
  if (!spreadsheetId && !gateway) {
    logger.warn(
      {},
      'no spreadsheet is connected (JOBPIPE_SHEETS_SPREADSHEET_ID, or `jobpipe sheets connect`): the sheets bridge is off and acknowledges events without syncing',
    );
    const off = async () => {};
    return {
      handlers: defineHandlers({
        'job.scored@1': off,
        'job.scored@2': off,
        'crm.stage-changed@1': off,
        'application.submitted@1': off,
        'application.failed@1': off,
      }),
      sync: undefined,
      startPolling() {},
      stop: off,
    };
  }
  const sheet = gateway ?? (await createSheetGateway(ports, { ...config, spreadsheetId: spreadsheetId! }, logger));
  await sheet.checkTab();
  const sync = new SheetSync({ gateway: sheet, publisher: ports.publisher, clock: ports.clock, logger, flushDelayMs: config.flushMs });
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
    const bridge = await createSheetsBridgeHandlers(ports, config, logger);
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
  const service = await createSheetsBridgeHandlers(ports, config, logger, gateway);
  if (!service.sync) return 0;
  let touched = 0;
  const describe = async (jobId: string): Promise<Partial<RowUpdate>> => {
    const job = await ports.tables.get('jobs', { jobId });
    if (!job) return {};
    return { title: String(job.title ?? ''), company: String(job.company ?? ''), link: String(job.canonicalUrl ?? '') };
  };
  for await (const items of inBatches(ports.tables.scanAll('scores', { pageSize: 500 }), 500)) {
    const updates: RowUpdate[] = [];
    for (const item of items) {
      if (item.score < config.minScore) continue;
      updates.push({ jobId: item.jobId, changedAt: item.scoredAt, score: item.score, ...(await describe(item.jobId)) });
    }
    touched += updates.length;
    await service.sync.cycle(updates);
  }
  for await (const items of inBatches(ports.tables.scanAll('crm', { pageSize: 500 }), 500)) {
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
