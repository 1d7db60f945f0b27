import type { CrmStage, FlagDismissal, GhostFlag } from '@jobpipe/contracts';
import type { JobQuery } from '../domain/job-query.js';
import type { JobSummary, PostingClosure, ScoredJob } from '../domain/job-summary.js';

/** Outcome of recording a score: new job, newer score of a known job, or a repeat/older delivery. */
export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

/** One page of a job list. */
export interface JobPage {
  readonly items: JobSummary[];
  readonly nextCursor: string | null;
}

/** One page of a job list as the JSON text of its `JobPage` (`{"items":[…],"nextCursor":…}`), what GET /jobs answers. */
export interface JobPageJson {
  readonly json: string;
}

/**
 * crm-api's read model of scored jobs: what `GET /jobs`, a job's detail and `/health` read, kept from
 * `job.scored` events and the CRM's stage changes. Embedded: a SQLite file of crm-api's own
 * (`SqliteJobReadModel`); aws: the `readModel` table (`TableJobReadModel`), shared by every instance.
 * Both answer every query the same (`test/adapters/job-read-model-suite.ts`).
 */
export interface JobReadModel {
  /**
   * Records scores; a delivery older than the stored score, or a repeat of it, changes nothing. The
   * stage is only written for a new job (the CRM moves it afterwards through `setStage`).
   */
  upsert(jobs: readonly ScoredJob[]): Promise<UpsertOutcome[]>;
  /** Moves a job to a stage in the read model (the CRM table stays the source of truth). */
  setStage(jobId: string, stage: CrmStage): Promise<void>;
  /**
   * Records that a job's posting closed, or reopened (`null`), as of `at`; a change older than the one
   * recorded (an out-of-order delivery) changes nothing, and a later score keeps it.
   */
  setClosure(jobId: string, at: string, closure: PostingClosure): Promise<void>;
  /**
   * Records a job's ghost-risk flags as decided at `at` (the whole set; empty clears them); an older set
   * delivered late changes nothing, and a later score keeps them.
   */
  setGhostFlags(jobId: string, at: string, flags: readonly GhostFlag[]): Promise<void>;
  /**
   * Records which of a job's flags the user dismissed (the whole set, as of the CRM record's `version`;
   * an older version delivered late changes nothing): its flags, now and later, show `dismissedAt`.
   */
  setFlagDismissals(jobId: string, version: number, dismissals: readonly FlagDismissal[]): Promise<void>;
  /** One job with its score reasons, or undefined. */
  get(jobId: string): Promise<ScoredJob | undefined>;
  /** Number of jobs in the read model. */
  count(): Promise<number>;
  /** One page of jobs matching the query, in the asked order (job id breaking ties), with the cursor of the next page. */
  list(query: JobQuery): Promise<JobPage>;
  /** Like `list`, with the items as one JSON array text (the hot path of GET /jobs). */
  listJson(query: JobQuery): Promise<JobPageJson>;
  /** Forgets every job, closure and flag (the postings were wiped); returns how many jobs it held. */
  clear(): Promise<number>;
  /** Refreshes the query planner's statistics after a bulk load (nothing to do where the store keeps its own). */
  optimize(): Promise<void>;
  /** Closes what the adapter opened. */
  close(): Promise<void>;
}
