import type { AlsoOnPosting, JobSummary } from './job-summary.js';

/** What ranking a posting within its group, and naming it in another's row, reads. */
export type GroupMember = Pick<JobSummary, 'jobId' | 'source' | 'url' | 'score' | 'canonicalJobId'>;

/**
 * The duplicate group of a job: its canonical job's id (the parser's dedupe link, carried by
 * `job.scored`), or its own id when it is the canonical job or has no copies.
 */
export function groupOf(job: Pick<JobSummary, 'jobId' | 'canonicalJobId'>): string {
  return job.canonicalJobId ?? job.jobId;
}

/**
 * Whether `a` stands for its group before `b` when a list collapses duplicates: the best score first;
 * on equal scores the canonical posting (the first seen); then the lower job id. The same whatever the
 * list's sort, so a group is shown once, by the same posting, on whichever page it falls.
 */
export function ranksBefore(a: GroupMember, b: GroupMember): boolean {
  if (a.score !== b.score) return a.score > b.score;
  const aCanonical = a.canonicalJobId === undefined;
  const bCanonical = b.canonicalJobId === undefined;
  if (aCanonical !== bCanonical) return aCanonical;
  return a.jobId < b.jobId;
}

/** Orders postings of one group as `ranksBefore` does: the one standing for the group first. */
export function byGroupRank(a: GroupMember, b: GroupMember): number {
  if (a.jobId === b.jobId) return 0;
  return ranksBefore(a, b) ? -1 : 1;
}

/** How a collapsed row names another posting of its job ("also on …"). */
export function alsoOnPosting(job: GroupMember): AlsoOnPosting {
  return { jobId: job.jobId, source: job.source, url: job.url, score: job.score };
}
