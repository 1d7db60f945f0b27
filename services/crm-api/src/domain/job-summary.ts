import type { CrmStage, EventDataMap } from '@jobpipe/contracts';
import type { ShownGhostFlag } from './flag-dismissals.js';

/** A score reason as the recommender explains it. */
export type ScoreReason = EventDataMap['job.scored']['reasons'][number];

/** One scored job as crm-api lists it. */
export interface JobSummary {
  readonly jobId: string;
  readonly contentHash: string;
  readonly title: string;
  readonly company: string;
  readonly source: string;
  readonly url: string;
  readonly locations: string[];
  readonly remote: boolean | null;
  readonly score: number;
  readonly track: string | null;
  readonly trackScore: number;
  readonly filteredBy: string | null;
  readonly stage: CrmStage;
  readonly annualSalaryMax: number | null;
  readonly salaryCurrency: string | null;
  readonly postedAt: string | null;
  /** When the job was first seen (a relisting: its first listing): its age counts from here (absent from scores before job.scored v2). */
  readonly firstSeenAt?: string;
  readonly scoredAt: string;
  readonly skills: string[];
  /** When and why the posting closed (only on closed jobs). */
  readonly closedAt?: string;
  readonly closeReason?: string;
  /**
   * The ghost-risk criteria that fire for the job (`job.flagged`; only while one does): reasons shown,
   * never a filter; one the user dismissed carries `dismissedAt`.
   */
  readonly ghostFlags?: ShownGhostFlag[];
  /** The job this posting duplicates (the parser's dedupe link; only on copies, from job.scored v2 on). */
  readonly canonicalJobId?: string;
  /** In a list that collapses duplicates: the other postings of the job that the list's filters selected, best first. */
  readonly alsoOn?: AlsoOnPosting[];
}

/** Another posting of the same job, as a collapsed list row names it ("also on …"). */
export interface AlsoOnPosting {
  readonly jobId: string;
  readonly source: string;
  readonly url: string;
  readonly score: number;
}

/** When and why a job's posting closed (`job.closed`), or null once it reopened (`job.reopened`). */
export type PostingClosure = { readonly closedAt: string; readonly closeReason: string } | null;

/** A summary plus the reasons of its score. */
export interface ScoredJob extends JobSummary {
  readonly reasons: ScoreReason[];
}

/** The read-model row of a `job.scored` event (the stage comes from the CRM). */
export function scoredJobFromEvent(data: EventDataMap['job.scored'], stage: CrmStage): ScoredJob {
  return {
    jobId: data.jobId,
    contentHash: data.contentHash,
    title: data.job.title,
    company: data.job.company,
    source: data.job.source,
    url: data.job.canonicalUrl,
    locations: data.job.locations ?? [],
    remote: data.job.remote ?? null,
    score: data.score,
    track: data.track,
    trackScore: data.trackScore,
    filteredBy: data.filteredBy,
    stage,
    annualSalaryMax: data.job.annualSalaryMax ?? null,
    salaryCurrency: data.job.salaryCurrency ?? null,
    postedAt: data.job.postedAt ?? null,
    ...(data.job.firstSeenAt ? { firstSeenAt: data.job.firstSeenAt } : {}),
    ...(data.job.canonicalJobId ? { canonicalJobId: data.job.canonicalJobId } : {}),
    scoredAt: data.scoredAt,
    skills: data.job.skills ?? [],
    reasons: data.reasons,
  };
}

/** The summary of a scored job (without its reasons). */
export function summaryOf(job: ScoredJob): JobSummary {
  const { reasons: _reasons, ...summary } = job;
  return summary;
}

/**
 * Whether a delivery of a job's score is a repeat of, or older than, what is stored: then it changes
 * nothing (deliveries are at least once and may arrive out of order).
 */
export function isStaleScore(stored: { readonly scoredAt: string; readonly contentHash: string }, delivered: JobSummary): boolean {
  return stored.scoredAt > delivered.scoredAt || (stored.scoredAt === delivered.scoredAt && stored.contentHash === delivered.contentHash);
}
