/**
 * AWS Lambda entry of the recommender: the SQS event source of its queue (partial batch response) over
 * the AWS ports. A Lambda has no timer between invocations, so the debounced retrain the process runs
 * on a timer is checked after each batch instead.
 */
import { type SqsBatchResponse, type SqsLambdaEvent, startServiceLambda } from '@jobpipe/shared/aws';
import { recommenderService } from './app.js';
import { uncaused } from './recommender.js';

const { built, ports, logger, handleBatch } = await startServiceLambda(recommenderService);

/** Handles one SQS batch of the recommender queue, then retrains if enough decisions are waiting. */
export async function handler(event: SqsLambdaEvent): Promise<SqsBatchResponse> {
  const response = await handleBatch(event);
  try {
    await built.recommender.retrainIfDue(uncaused);
  } catch (error) {
    // The decisions stay pending: the next batch checks again.
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'debounced retrain failed; will try again');
  }
  // The retrain's events are in the outbox; the next invocation sends them if this fails.
  await ports.flushEvents().catch((error: unknown) => logger.warn({ err: String(error) }, 'events wait in the outbox'));
  return response;
}
