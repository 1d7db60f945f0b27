/**
 * AWS Lambda entry of the parser: the SQS event source of its queue (partial batch response) over the
 * AWS ports. Deployed by `infra/` (NodejsFunction, handler `handler`).
 */
import { startServiceLambda } from '@jobpipe/shared/aws';
import { parserService } from './app.js';

const parser = await startServiceLambda(parserService);

/** Handles one SQS batch of the parser queue; failed records are reported for another try. */
export const handler = parser.handleBatch;
