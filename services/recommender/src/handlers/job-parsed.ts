import type { EventHandler } from '@jobpipe/shared';
import type { Recommender } from '../recommender.js';

/** `job.parsed@1`: keep the posting's stems and score it (once per content, config and model). */
export function jobParsedHandler(recommender: Recommender): EventHandler<'job.parsed'> {
  return async (event, context) => {
    const { job, duplicateOf } = event.detail.data;
    const posting = duplicateOf ? { ...job, canonicalJobId: duplicateOf.jobId } : job;
    const outcome = await recommender.handleParsed(posting, context.caused);
    context.logger.debug({ jobId: job.jobId, outcome }, 'job.parsed handled');
  };
}
