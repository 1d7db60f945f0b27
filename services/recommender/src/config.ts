import { ConfigError, type RuntimeConfig, readRuntimeConfig } from '@jobpipe/shared';
import type { RecommenderSettings } from './recommender.js';

/** Settings of the recommender process. */
export interface RecommenderConfig extends RecommenderSettings {
  readonly runtime: RuntimeConfig;
  /** Seconds between checks for a debounced retrain (JOBPIPE_RECOMMENDER_RETRAIN_CHECK_SECONDS, default 15). */
  readonly retrainCheckSeconds: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}='${raw}' is not valid: use a whole number from ${min} to ${max}`);
  }
  return value;
}

/**
 * Reads and validates the recommender settings (the caller passes process.env):
 * JOBPIPE_RECOMMENDER_RETRAIN_AFTER (new decisions that retrain at once, default 10),
 * JOBPIPE_RECOMMENDER_RETRAIN_QUIET_SECONDS (retrain fewer after this long without one, default 60),
 * JOBPIPE_RECOMMENDER_RETRAIN_CHECK_SECONDS (default 15), JOBPIPE_RECOMMENDER_RESCORE_BATCH (default 100).
 */
export function readRecommenderConfig(env: Env): RecommenderConfig {
  return Object.freeze({
    runtime: readRuntimeConfig(env),
    retrainAfter: integer(env, 'JOBPIPE_RECOMMENDER_RETRAIN_AFTER', 10, 1, 100_000),
    retrainQuietSeconds: integer(env, 'JOBPIPE_RECOMMENDER_RETRAIN_QUIET_SECONDS', 60, 0, 86_400),
    retrainCheckSeconds: integer(env, 'JOBPIPE_RECOMMENDER_RETRAIN_CHECK_SECONDS', 15, 1, 3_600),
    rescoreBatchSize: integer(env, 'JOBPIPE_RECOMMENDER_RESCORE_BATCH', 100, 1, 1_000),
  });
}
