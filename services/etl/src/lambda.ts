/**
 * AWS Lambda entry of the etl service: the SQS event source of its queue (partial batch response) over
 * the AWS ports. With the SQLite target the analytics file lives in /tmp (the only writable folder), per
 * execution environment: full rebuilds (`etl.requested`, scheduled) are what crm-api's snapshots come
 * from there; the PostgreSQL target (JOBPIPE_ETL_TARGET=postgres) also keeps the incremental updates.
 */
import { startServiceLambda } from '@jobpipe/shared/aws';
import { etlService } from './app.js';

const etl = await startServiceLambda(etlService);

/** Handles one SQS batch of the etl queue; failed records are reported for another try. */
export const handler = etl.handleBatch;
