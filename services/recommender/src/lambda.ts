/**
 * AWS Lambda entry of the recommender: the SQS event source of its queue (partial batch response) over
 * the AWS ports. A Lambda has no timer between invocations, so the debounced retrain the process runs
 * on a timer is checked after each batch instead.
 */
import { contracts } from '@jobpipe/contracts';
import { ConfigError, createLogger, createRuntimePorts } from '@jobpipe/shared';
import { createSqsLambdaHandler, type SqsBatchResponse, type SqsLambdaEvent } from '@jobpipe/shared/aws';
import { createRecommender, recommenderHandlers } from './app.js';
import { readRecommenderConfig } from './config.js';

const config = readRecommenderConfig(process.env);
if (config.runtime.transport !== 'aws') throw new ConfigError('the recommender Lambda needs JOBPIPE_TRANSPORT=aws');
const logger = createLogger('recommender', config.runtime.logLevel);
const ports = await createRuntimePorts(config.runtime, 'recommender');
const recommender = createRecommender(ports, config, logger);
const handleBatch = createSqsLambdaHandler({
  handlers: recommenderHandlers(recommender),
  publisher: ports.publisher,
  flushEvents: () => ports.flushEvents(),
  registry: contracts(),
  logger,
});

/** Handles one SQS batch of the recommender queue, then retrains if enough decisions are waiting. */
export async function handler(event: SqsLambdaEvent): Promise<SqsBatchResponse> {
  const response = await handleBatch(event);
  try {
    await recommender.retrainIfDue((events) => ports.publisher.publish(events));
  } catch (error) {
    // The decisions stay pending: the next batch checks again.
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'debounced retrain failed; will try again');
  }
  // The retrain's events are in the outbox; the next invocation sends them if this fails.
  await ports.flushEvents().catch((error: unknown) => logger.warn({ err: String(error) }, 'events wait in the outbox'));
  return response;
}
