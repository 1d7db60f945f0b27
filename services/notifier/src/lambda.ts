/** AWS Lambda entry of the notifier: the SQS event source of its queue (partial batch response) over the AWS ports. */
import { startServiceLambda } from '@jobpipe/shared/aws';
import { notifierService } from './app.js';

const notifier = await startServiceLambda(notifierService);

/** Handles one SQS batch of the notifier queue; failed records are reported for another try. */
export const handler = notifier.handleBatch;
