import type { EventHandler } from '@jobpipe/shared';
import type { Recommender } from '../recommender.js';

/** `job.parsed@1`: keep the posting's stems and score it (once per content, config and model). */
export function jobParsedHandler(recommender: Recommender): EventHandler<'job.parsed'> {
  return async (event, context) => {
    const { job } = event.detail.data;
    const outcome = await recommender.handleParsed(job, context.caused);
    context.logger.debug({ jobId: job.jobId, outcome }, 'job.parsed handled');
  };
}
