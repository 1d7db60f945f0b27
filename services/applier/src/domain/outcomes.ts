import type { ApplicationOutcome, ApplicationRecord, FailureCode } from './application-record.js';

/** Why an application did not go through, as reported to the user. */
export interface Failure {
  readonly code: FailureCode;
  readonly message: string;
  readonly needsUser: boolean;
  /** The screening question the answer bank does not cover. */
  readonly question?: string;
  readonly evidenceBlobKey?: string | null;
}

/** The `application.submitted` an application ends with (a dry run has no after-screenshot). */
export function submittedOutcome(
  record: ApplicationRecord,
  result: { dryRun: boolean; beforeBlobKey: string; afterBlobKey: string | null; answers: { question: string; answer: string }[] },
  now: Date,
): ApplicationOutcome {
  const { applicationId, jobId, site } = record;
  return {
    detailType: 'application.submitted',
    data: {
      applicationId,
      jobId,
      site,
      dryRun: result.dryRun,
      submittedAt: now.toISOString(),
      evidence: { beforeBlobKey: result.beforeBlobKey, afterBlobKey: result.afterBlobKey },
      answers: result.answers,
    },
  };
}

/** The `application.failed` an application ends with, trimmed to the contract's limits. */
export function failedOutcome(record: ApplicationRecord, failure: Failure, now: Date): ApplicationOutcome {
  const { applicationId, jobId, site } = record;
  return {
    detailType: 'application.failed',
    data: {
      applicationId,
      jobId,
      site,
      failedAt: now.toISOString(),
      code: failure.code,
      message: failure.message.slice(0, 2000),
      needsUser: failure.needsUser,
      evidenceBlobKey: failure.evidenceBlobKey ?? null,
      ...(failure.question ? { question: failure.question.slice(0, 1000) } : {}),
    },
  };
}
