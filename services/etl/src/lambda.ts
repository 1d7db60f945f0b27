/**
 * AWS Lambda entry of the etl service: the SQS event source of its queue (partial batch response) over
 * the AWS ports. With the SQLite target the analytics file lives in /tmp (the only writable folder), per
 * execution environment: full rebuilds (`etl.requested`, scheduled) are what crm-api's snapshots come
 * from there; the PostgreSQL target (JOBPIPE_ETL_TARGET=postgres) also keeps the incremental updates.
 */
import { contracts } from '@jobpipe/contracts';
import { ConfigError, createLogger, createRuntimePorts } from '@jobpipe/shared';
import { createSqsLambdaHandler } from '@jobpipe/shared/aws';
import { createEtlHandlers } from './app.js';
import { readEtlConfig } from './config.js';

/** Where the analytics file goes when JOBPIPE_DATA_DIR is not set: Lambda's code folder is read-only. */
const LAMBDA_DATA_DIR = '/tmp/jobpipe';

const config = readEtlConfig({ JOBPIPE_DATA_DIR: LAMBDA_DATA_DIR, ...process.env });
if (config.runtime.transport !== 'aws') throw new ConfigError('the etl Lambda needs JOBPIPE_TRANSPORT=aws');
const logger = createLogger('etl', config.runtime.logLevel);
const ports = await createRuntimePorts(config.runtime, 'etl');

/** Handles one SQS batch of the etl queue; failed records are reported for another try. */
export const handler = createSqsLambdaHandler({
  handlers: createEtlHandlers(ports, config, logger).handlers,
  publisher: ports.publisher,
  flushEvents: () => ports.flushEvents(),
  registry: contracts(),
  logger,
});
