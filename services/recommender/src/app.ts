/**
 * Composition root of the recommender: builds its state over the runtime's tables and blobs, the
 * handler table, and the side job that runs the debounced retrain.
 */
import { defineHandlers, type HandlerTable, type Logger, type RuntimePorts } from '@jobpipe/shared';
import { RecommenderState } from './adapters/recommender-state.js';
import type { RecommenderConfig } from './config.js';
import { configChangedHandler } from './handlers/config-changed.js';
import { crmStageChangedHandler } from './handlers/crm-stage-changed.js';
import { jobParsedHandler } from './handlers/job-parsed.js';
import { Recommender } from './recommender.js';

/** The ports the recommender uses. */
export type RecommenderPorts = Pick<RuntimePorts, 'tables' | 'blobs' | 'clock' | 'publisher'>;

/** Settings the recommender needs (the process config, or any object with these fields in tests). */
export type RecommenderAppConfig = Pick<RecommenderConfig, 'retrainAfter' | 'retrainQuietSeconds' | 'rescoreBatchSize'>;

/** The recommender wired to ports. */
export function createRecommender(ports: RecommenderPorts, config: RecommenderAppConfig, logger: Logger): Recommender {
  return new Recommender(new RecommenderState(ports.tables, ports.blobs), config, ports.clock, logger);
}

/** The handler table of the recommender's queue. */
export function recommenderHandlers(recommender: Recommender): HandlerTable {
  return defineHandlers({
    'job.parsed@1': jobParsedHandler(recommender),
    'crm.stage-changed@1': crmStageChangedHandler(recommender),
    'config.changed@1': configChangedHandler(recommender),
  });
}

/** The handlers for `job.parsed`, `crm.stage-changed` and `config.changed`, over the given ports. */
export function createRecommenderHandlers(ports: RecommenderPorts, config: RecommenderAppConfig, logger: Logger): HandlerTable {
  return recommenderHandlers(createRecommender(ports, config, logger));
}

/** Checks every `retrainCheckSeconds` whether a debounced retrain is due. */
export function startRetrainTimer(
  recommender: Recommender,
  ports: RecommenderPorts,
  config: Pick<RecommenderConfig, 'retrainCheckSeconds'>,
  logger: Logger,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = recommender
      .retrainIfDue((events) => ports.publisher.publish(events))
      .catch((error: unknown) => {
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'debounced retrain failed; will try again');
      });
  }, config.retrainCheckSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
