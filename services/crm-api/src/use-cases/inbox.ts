import type { CrmApiContext } from '../context.js';
import type { JobQuery } from '../domain/job-query.js';
import type { ScoreReason } from '../domain/job-summary.js';

/** Reasons shown beside each inbox row (the job page shows them all). */
const REASONS_PER_ROW = 3;

/** The reasons that moved a score most, strongest first. */
export function strongestReasons(reasons: readonly ScoreReason[], count = REASONS_PER_ROW): ScoreReason[] {
  return [...reasons].sort((a, b) => Math.abs(b.points) - Math.abs(a.points)).slice(0, count);
}

/**
 * One page of the inbox: the jobs of the query (best first by default) each with the strongest
 * reasons of its score, so a person can triage without opening every job.
 */
export async function inboxPage(context: Pick<CrmApiContext, 'readModel'>, query: JobQuery) {
  const page = await context.readModel.list(query);
  const items = await Promise.all(
    page.items.map(async (job) => ({ ...job, reasons: strongestReasons((await context.readModel.get(job.jobId))?.reasons ?? []) })),
  );
  return { items, nextCursor: page.nextCursor };
}
