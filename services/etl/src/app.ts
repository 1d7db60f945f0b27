import type { EventPublisher, HandlerTable, Logger, ServicePorts } from '@jobpipe/shared';
import { defineHandlers, defineService, randomIds } from '@jobpipe/shared';
import type { AnalyticsTarget } from './adapters/analytics-target.js';
import { PostgresAnalyticsTarget } from './adapters/postgres-target.js';
import { SqliteAnalyticsTarget } from './adapters/sqlite-target.js';
import { ETL_ENV_SCHEMA, type EtlConfig, readEtlConfig } from './config.js';
import { applicationFailedHandler, applicationSubmittedHandler } from './handlers/application-outcome.js';
import { crmStageChangedHandler } from './handlers/crm-stage-changed.js';
import { etlRequestedHandler } from './handlers/etl-requested.js';
import { jobClosedHandler, jobFlaggedHandler, jobReopenedHandler } from './handlers/job-lifecycle.js';
import { jobParsedHandler } from './handlers/job-parsed.js';
import { jobScoredHandler } from './handlers/job-scored.js';
import { wipeCompletedHandler } from './handlers/wipe-completed.js';
import { AnalyticsWarehouse, type PublishedSnapshot } from './warehouse.js';

/** The ports the etl service uses (it reads the tables and writes none of them). */
export type EtlPorts = Pick<ServicePorts<'etl'>, 'tables' | 'blobs' | 'clock'>;

/** The etl service wired up: its handler table, the warehouse behind it, and how to close it. */
export interface EtlService {
  readonly handlers: HandlerTable;
  readonly warehouse: AnalyticsWarehouse;
  close(): Promise<void>;
}

/** The analytics target the config names. */
export function createAnalyticsTarget(
  config: Pick<EtlConfig, 'target' | 'sqlitePath' | 'postgresUrl' | 'postgresSchema'>,
): AnalyticsTarget {
  if (config.target === 'postgres') return new PostgresAnalyticsTarget(config.postgresUrl!, config.postgresSchema);
  return new SqliteAnalyticsTarget(config.sqlitePath);
}

/** Composition root: builds the analytics target and warehouse from config, and the handler table. */
export function createEtlHandlers(ports: EtlPorts, config: EtlConfig, logger: Logger): EtlService {
  const warehouse = new AnalyticsWarehouse({
    target: createAnalyticsTarget(config),
    tables: ports.tables,
    blobs: ports.blobs,
    clock: ports.clock,
    logger,
    pageSize: config.pageSize,
    workDir: config.runtime.dataDir,
  });
  const handlers = defineHandlers({
    'job.parsed@1': jobParsedHandler(warehouse),
    'job.scored@1': jobScoredHandler(warehouse),
    'job.scored@2': jobScoredHandler(warehouse),
    'job.closed@1': jobClosedHandler(warehouse),
    'job.reopened@1': jobReopenedHandler(warehouse),
    'job.flagged@1': jobFlaggedHandler(warehouse),
    'crm.stage-changed@1': crmStageChangedHandler(warehouse),
    'application.submitted@1': applicationSubmittedHandler(warehouse),
    'application.failed@1': applicationFailedHandler(warehouse),
    'etl.requested@1': etlRequestedHandler(warehouse),
    'wipe.completed@1': wipeCompletedHandler(warehouse),
  });
  return { handlers, warehouse, close: () => warehouse.close() };
}

/** The etl service, as every entry starts it (process, Lambda, `jobpipe run --once`, tests). */
export const etlService = defineService({ name: 'etl', envSchema: ETL_ENV_SCHEMA, readConfig: readEtlConfig, build: createEtlHandlers });

/**
 * Rebuilds the analytics store once from the operational tables, publishes the snapshot and emits
 * `etl.completed` (what `jobpipe run --once` calls). Returns what was published.
 */
export async function runFullRebuild(
  ports: EtlPorts & { publisher: EventPublisher },
  config: EtlConfig,
  logger: Logger,
  requestId: string = `rebuild-${randomIds.uuid()}`,
): Promise<PublishedSnapshot> {
  const service = createEtlHandlers(ports, config, logger);
  try {
    const snapshot = await service.warehouse.rebuild(requestId);
    await ports.publisher.publish([{ detailType: 'etl.completed', data: snapshot }]);
    return snapshot;
  } finally {
    await service.close();
  }
}
