import type { EventHandler } from '@jobpipe/shared';
import type { SheetSync } from '../sheet-sync.js';

/** job.scored → the job's row with its title, company, score and link (jobs under the minimum score get none). */
export function jobScoredHandler(sync: SheetSync, minScore: number): EventHandler<'job.scored'> {
  return async (event) => {
    const { jobId, score, scoredAt, job } = event.detail.data;
    if (score < minScore) return;
    await sync.push({ jobId, changedAt: scoredAt, title: job.title, company: job.company, score, link: job.canonicalUrl });
  };
}
