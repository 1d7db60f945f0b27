import type { EventHandler } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import { scoredJobFromEvent } from '../domain/job-summary.js';
import { crmRecordOf } from '../use-cases/crm.js';

/**
 * `job.scored`: records the score in the read model (a repeat or older delivery changes nothing) and
 * tells the live stream about a new or rescored job.
 */
export function handleJobScored(context: CrmApiContext): EventHandler<'job.scored'> {
  return async (event) => {
    const data = event.detail.data;
    const stage = (await crmRecordOf(context, data.jobId))?.stage ?? 'new';
    const job = scoredJobFromEvent(data, stage);
    const [outcome] = await context.readModel.upsert([job]);
    if (outcome === 'unchanged') return;
    const { reasons: _reasons, ...summary } = job;
    context.live.publish({ event: 'job.scored', score: data.score, data: { ...summary, rescored: outcome === 'updated' } });
  };
}
