import { type EventHandler, PermanentError } from '@jobpipe/shared';
import { scoreFactOf } from '../domain/job-facts.js';
import type { AnalyticsWarehouse } from '../warehouse.js';

/** job.scored → the job's latest score and track (an older score never replaces a newer one). */
export function jobScoredHandler(warehouse: AnalyticsWarehouse): EventHandler<'job.scored'> {
  return async (event) => {
    const score = scoreFactOf(event.detail.data);
    if (!score) throw new PermanentError('SCORE_UNREADABLE', `job.scored for '${event.detail.data.jobId}' has no readable score time`);
    await warehouse.recordScores([score]);
  };
}
