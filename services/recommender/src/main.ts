/** The recommender process: `node --import tsx services/recommender/src/main.ts`. */
import { startService, stopOnSignals } from '@jobpipe/shared';
import { createRecommender, recommenderHandlers, startRetrainTimer } from './app.js';
import { readRecommenderConfig } from './config.js';

const config = readRecommenderConfig(process.env);
let recommender: ReturnType<typeof createRecommender> | undefined;
const service = await startService({
  service: 'recommender',
  runtime: config.runtime,
  handlers: (ports, logger) => {
    recommender = createRecommender(ports, config, logger);
    return recommenderHandlers(recommender);
  },
  sideJobs: async (ports, logger) => startRetrainTimer(recommender!, ports, config, logger),
});
stopOnSignals(service);
