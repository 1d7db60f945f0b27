import type { EventHandler } from '@jobpipe/shared';
import type { AnalyticsWarehouse } from '../warehouse.js';

/** job.parsed → upsert the job's fact row and skills (a duplicate keeps a link to its canonical job). */
export function jobParsedHandler(warehouse: AnalyticsWarehouse): EventHandler<'job.parsed'> {
  return async (event) => {
    const { job, duplicateOf } = event.detail.data;
    await warehouse.recordJobs([{ ...job, canonicalJobId: duplicateOf?.jobId ?? null }]);
  };
}
