/**
 * @jobpipe/recommender — scores postings from keyword tracks and a naive Bayes model learned from the
 * user's own decisions, and explains each score. The handlers for the in-process stack, and the pure
 * domain functions the CLI (`jobpipe model eval`) and the bench use.
 */
export { modelBlobKey, RecommenderState } from './adapters/recommender-state.js';
export {
  createRecommender,
  type RecommenderAppConfig,
  type RecommenderPorts,
  recommenderHandlers,
  recommenderService,
  startRetrainTimer,
} from './app.js';
export { type RecommenderConfig, readRecommenderConfig } from './config.js';
export * from './domain/blend.js';
export * from './domain/evaluation.js';
export * from './domain/labels.js';
export * from './domain/model.js';
export * from './domain/posting-features.js';
export * from './domain/reasons.js';
export * from './domain/tokenizer.js';
export * from './domain/track-rules.js';
export * from './domain/tracks.js';
export { type Caused, Recommender, type RecommenderSettings, type RescoreReport, uncaused } from './recommender.js';
