import { QUEUES } from '@jobpipe/contracts';
import type { Logger } from '../ports/logger.js';
import type { RuntimeConfig } from '../runtime/runtime-config.js';
import { type AwsClients, createAwsClients, type StaticCredentials } from './aws-clients.js';
import { type BootstrappedQueue, ensureEventBus, ensureQueueRoute } from './bootstrap-routing.js';
import { ensureBucket, ensureTables } from './bootstrap-storage.js';
import { AwsResourceNames } from './resource-names.js';

/** Options of the AWS bootstrap. */
export interface BootstrapOptions {
  readonly logger: Logger;
  /** Clients to use instead of ones built from the config (tests). */
  readonly clients?: AwsClients;
  /** Fixed credentials instead of the default provider chain (LocalStack). */
  readonly credentials?: StaticCredentials;
}

/** What the bootstrap created or found. */
export interface BootstrapReport {
  readonly eventBusName: string;
  readonly queues: readonly BootstrappedQueue[];
  readonly tables: readonly string[];
  readonly bucket: string;
  /** Resources that differ from the topology in ways the bootstrap cannot fix (empty when all converged). */
  readonly problems: readonly string[];
}

/**
 * Creates, idempotently, the AWS resources of one installation from the contracts topology and the
 * table definitions: the event bus; per topology queue its DLQ, the queue (visibility timeout, redrive
 * policy, policy allowing EventBridge) and a rule routing its detail-types to it; the DynamoDB tables;
 * the blob bucket. Runs against AWS or LocalStack (`config.aws.endpoint`).
 */
export async function bootstrapAws(config: Pick<RuntimeConfig, 'aws'>, options: BootstrapOptions): Promise<BootstrapReport> {
  const clients =
    options.clients ?? createAwsClients({ ...config.aws, ...(options.credentials ? { credentials: options.credentials } : {}) });
  const names = new AwsResourceNames(config.aws.resourcePrefix);
  const logger = options.logger.child({ bootstrap: config.aws.resourcePrefix });
  try {
    const routing = { eventBridge: clients.eventBridge, sqs: clients.sqs, names, eventBusName: config.aws.eventBusName, logger };
    await ensureEventBus(routing);
    const queues: BootstrappedQueue[] = [];
    for (const queue of QUEUES) queues.push(await ensureQueueRoute(routing, queue));
    const tables = await ensureTables(clients.dynamo, (table) => names.table(table), logger);
    await ensureBucket(clients.s3, config.aws.bucket, config.aws.region, logger);
    logger.info({ queues: queues.length, tables: tables.names.length, bucket: config.aws.bucket }, 'aws resources ready');
    return { eventBusName: config.aws.eventBusName, queues, tables: tables.names, bucket: config.aws.bucket, problems: tables.problems };
  } finally {
    if (!options.clients) clients.destroy();
  }
}
