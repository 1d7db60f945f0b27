/** A score reason as the recommender explains it. */
export interface ScoreReason {
  readonly kind: string;
  readonly text: string;
  readonly points: number;
}

/** A scored job as the API lists it (`GET /jobs`, `GET /inbox`, the live stream's job.scored). */
export interface JobSummary {
  readonly jobId: string;
  readonly title: string;
  readonly company: string;
  readonly source: string;
  readonly url: string;
  readonly locations: string[];
  readonly remote: boolean | null;
  readonly score: number;
  readonly track: string | null;
  readonly stage: string;
  readonly annualSalaryMax: number | null;
  readonly salaryCurrency: string | null;
  readonly postedAt: string | null;
  readonly scoredAt: string;
  readonly skills: string[];
  /** The job this posting duplicates (only on copies). */
  readonly canonicalJobId?: string;
  /** The job's other postings a collapsed list row stands for ("also on …"). */
  readonly alsoOn?: AlsoOnPosting[];
}

/** Another posting of the same job on another board. */
export interface AlsoOnPosting {
  readonly jobId: string;
  readonly source: string;
  readonly url: string;
  readonly score: number;
}

/** The duplicate group of a job: its canonical job's id, or its own. */
export function groupOf(job: Pick<JobSummary, 'jobId' | 'canonicalJobId'>): string {
  return job.canonicalJobId ?? job.jobId;
}

/** An inbox row: a job with the strongest reasons of its score. */
export interface InboxJob extends JobSummary {
  readonly reasons: ScoreReason[];
}

/** A page of the inbox. */
export interface InboxPage {
  readonly items: InboxJob[];
  readonly nextCursor: string | null;
}

/** The link of a job's page in the cockpit. */
export function jobLink(jobId: string): string {
  return `#/jobs/${encodeURIComponent(jobId)}`;
}
