import type { ApplicationFailedV1, ApplicationRequestedV1, ApplicationSubmittedV1 } from '@jobpipe/contracts';

/** The data of the events the applier handles and produces. */
export type ApplicationRequest = ApplicationRequestedV1['data'];
export type ApplicationSubmitted = ApplicationSubmittedV1['data'];
export type ApplicationFailed = ApplicationFailedV1['data'];
export type FailureCode = ApplicationFailed['code'];

/** The event an application ended with, kept so a redelivery can publish it again without redoing anything. */
export type ApplicationOutcome =
  | { readonly detailType: 'application.submitted'; readonly data: ApplicationSubmitted }
  | { readonly detailType: 'application.failed'; readonly data: ApplicationFailed };

/**
 * The applier's progress with an application, in its own `applierState` table (crm-api owns the
 * user's `applications` table and learns the outcome from the events). `submitting` is the intent
 * recorded BEFORE the submit click: a delivery that finds it never clicks again.
 */
export type ApplicationRecord = {
  readonly applicationId: string;
  readonly jobId: string;
  readonly site: string;
  readonly company: string;
  readonly applyUrl: string;
  readonly dryRun: boolean;
  readonly requestedAt: string;
  readonly status: 'requested' | 'waiting-session' | 'submitting' | 'submitted' | 'dry-run' | 'failed';
  /** Bumped on every write; writes are conditional on it (optimistic concurrency). */
  readonly version: number;
  /** How many times the application waited for a session refresh (it waits once). */
  readonly sessionWaits: number;
  /** When a real (not dry-run) submit was attempted: what the daily cap and once-per rules count. */
  readonly submitAttemptedAt: string | null;
  readonly outcome: ApplicationOutcome | null;
  readonly outcomePublished: boolean;
  readonly updatedAt: string;
};

/** A fresh record for a request, before its first write. */
export function newApplicationRecord(request: ApplicationRequest, now: Date): ApplicationRecord {
  return {
    applicationId: request.applicationId,
    jobId: request.jobId,
    site: request.site,
    company: request.company,
    applyUrl: request.applyUrl,
    dryRun: request.dryRun,
    requestedAt: request.requestedAt,
    status: 'requested',
    version: 0,
    sessionWaits: 0,
    submitAttemptedAt: null,
    outcome: null,
    outcomePublished: false,
    updatedAt: now.toISOString(),
  };
}

/** The request an application record was made from (to resume a parked application). */
export function requestOf(record: ApplicationRecord): ApplicationRequest {
  const { applicationId, jobId, applyUrl, site, company, dryRun, requestedAt } = record;
  return { applicationId, jobId, applyUrl, site, company, dryRun, requestedAt };
}

/** Whether the record already went through the applier (the handler only publishes what it recorded). */
export function isFinished(record: ApplicationRecord): boolean {
  return record.outcome !== null && record.outcome !== undefined;
}
