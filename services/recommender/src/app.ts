/**
 * Composition root of the recommender: builds its state over the runtime's tables and blobs, the
 * handler table, and the side job that runs the debounced retrain.
 */
import {
  type Clock,
  defineHandlers,
  defineService,
  type HandlerTable,
  type Logger,
  type ServicePorts,
  wipeRequestedHandler,
} from '@jobpipe/shared';
import { RecommenderState } from './adapters/recommender-state.js';
import { RECOMMENDER_ENV_SCHEMA, type RecommenderConfig, readRecommenderConfig } from './config.js';
import { configChangedHandler } from './handlers/config-changed.js';
import { crmStageChangedHandler } from './handlers/crm-stage-changed.js';
import { jobParsedHandler } from './handlers/job-parsed.js';
import { flagDismissalsChangedHandler, jobClosedHandler, jobFlaggedHandler, jobReopenedHandler } from './handlers/posting-lifecycle.js';
import { Recommender, uncaused } from './recommender.js';

/** The ports the recommender uses (it writes only `scores` and `recommenderState`). */
export type RecommenderPorts = Pick<ServicePorts<'recommender'>, 'tables' | 'blobs' | 'clock' | 'outbox'>;

/** Settings the recommender needs (the process config, or any object with these fields in tests). */
export type RecommenderAppConfig = Pick<RecommenderConfig, 'retrainAfter' | 'retrainQuietSeconds' | 'rescoreBatchSize'>;

/** The recommender wired to ports. */
export function createRecommender(ports: RecommenderPorts, config: RecommenderAppConfig, logger: Logger): Recommender {
  return new Recommender(new RecommenderState(ports.tables, ports.blobs, ports.outbox), config, ports.clock, logger);
}

/** The handler table of the recommender's queue (the clock dates its wipe.completed). */
export function recommenderHandlers(recommender: Recommender, clock: Clock): HandlerTable {
  return defineHandlers({
    'job.parsed@1': jobParsedHandler(recommender),
    'job.closed@1': jobClosedHandler(recommender),
    'job.reopened@1': jobReopenedHandler(recommender),
    'job.flagged@1': jobFlaggedHandler(recommender),
    'crm.flag-dismissals-changed@1': flagDismissalsChangedHandler(recommender),
    'crm.stage-changed@1': crmStageChangedHandler(recommender),
    'config.changed@1': configChangedHandler(recommender),
    'wipe.requested@1': wipeRequestedHandler('recommender', clock, (scope) => recommender.wipe(scope)),
  });
}

/** Checks every `retrainCheckSeconds` whether a debounced retrain is due. */
export function startRetrainTimer(
  recommender: Recommender,
  config: Pick<RecommenderConfig, 'retrainCheckSeconds'>,
  logger: Logger,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = recommender.retrainIfDue(uncaused).catch((error: unknown) => {
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

/**
 * The recommender service, as every entry starts it: its handlers, and the timer that runs the
 * debounced retrain (a Lambda checks after each batch instead, through `recommender`).
 */
export const recommenderService = defineService({
  name: 'recommender',
  envSchema: RECOMMENDER_ENV_SCHEMA,
  readConfig: readRecommenderConfig,
  build: (ports, config, logger) => {
    const recommender = createRecommender(ports, config, logger);
    return {
      recommender,
      handlers: recommenderHandlers(recommender, ports.clock),
      sideJobs: { 'retrain-timer': async () => startRetrainTimer(recommender, config, logger) },
    };
  },
});
