import { type Environment, type EnvSchema, type RuntimeConfig, readEnvConfig, readRuntimeConfig } from '@jobpipe/shared';
import type { RecommenderSettings } from './recommender.js';

/** Settings of the recommender process. */
export interface RecommenderConfig extends RecommenderSettings {
  readonly runtime: RuntimeConfig;
  /** Seconds between checks for a debounced retrain (JOBPIPE_RECOMMENDER_RETRAIN_CHECK_SECONDS, default 15). */
  readonly retrainCheckSeconds: number;
}

/** The recommender's own environment variables (JSON Schema; the table in docs/running.md comes from it). */
export const RECOMMENDER_ENV_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'recommender',
  type: 'object',
  properties: {
    JOBPIPE_RECOMMENDER_RETRAIN_AFTER: {
      type: 'integer',
      minimum: 1,
      maximum: 100_000,
      default: 10,
      description: 'new decisions that retrain the model at once',
    },
    JOBPIPE_RECOMMENDER_RETRAIN_QUIET_SECONDS: {
      type: 'integer',
      minimum: 0,
      maximum: 86_400,
      default: 60,
      description: 'fewer new decisions retrain after this long without a retrain',
    },
    JOBPIPE_RECOMMENDER_RETRAIN_CHECK_SECONDS: {
      type: 'integer',
      minimum: 1,
      maximum: 3_600,
      default: 15,
      description: 'seconds between checks for a debounced retrain',
    },
    JOBPIPE_RECOMMENDER_RESCORE_BATCH: {
      type: 'integer',
      minimum: 1,
      maximum: 1_000,
      default: 100,
      description: 'jobs rescored per batch',
    },
  },
} as const satisfies EnvSchema;

/** Reads and validates the recommender settings (the caller passes process.env). */
export function readRecommenderConfig(env: Environment): RecommenderConfig {
  const values = readEnvConfig(RECOMMENDER_ENV_SCHEMA, env);
  return Object.freeze({
    runtime: readRuntimeConfig(env),
    retrainAfter: values.JOBPIPE_RECOMMENDER_RETRAIN_AFTER,
    retrainQuietSeconds: values.JOBPIPE_RECOMMENDER_RETRAIN_QUIET_SECONDS,
    retrainCheckSeconds: values.JOBPIPE_RECOMMENDER_RETRAIN_CHECK_SECONDS,
    rescoreBatchSize: values.JOBPIPE_RECOMMENDER_RESCORE_BATCH,
  });
}
