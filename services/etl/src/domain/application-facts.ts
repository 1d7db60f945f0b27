import type { ApplicationFailedV1, ApplicationItem, ApplicationSubmittedV1 } from '@jobpipe/contracts';
import type { ApplicationRow } from '@jobpipe/shared';
import { isoInstant } from './timestamps.js';

/** The outcome row of an `application.submitted` event. */
export function submittedApplicationOf(data: ApplicationSubmittedV1['data']): ApplicationRow {
  return {
    application_id: data.applicationId,
    job_id: data.jobId,
    site: data.site,
    status: 'submitted',
    dry_run: data.dryRun ? 1 : 0,
    outcome_at: isoInstant(data.submittedAt) ?? data.submittedAt,
    failure_code: null,
    needs_user: null,
  };
}

/** The outcome row of an `application.failed` event. */
export function failedApplicationOf(data: ApplicationFailedV1['data']): ApplicationRow {
  return {
    application_id: data.applicationId,
    job_id: data.jobId,
    site: data.site,
    status: 'failed',
    dry_run: 0,
    outcome_at: isoInstant(data.failedAt) ?? data.failedAt,
    failure_code: data.code,
    needs_user: data.needsUser ? 1 : 0,
  };
}

/**
 * The outcome row of an `applications` item (crm-api's record), or undefined while it has no outcome
 * yet: the analytics store holds outcomes, as the events report them.
 */
export function applicationOfItem(item: ApplicationItem): ApplicationRow | undefined {
  if (item.status === 'requested' || item.finishedAt === null) return undefined;
  const at = isoInstant(item.finishedAt);
  if (at === null) return undefined;
  const failed = item.status === 'failed';
  return {
    application_id: item.applicationId,
    job_id: item.jobId,
    site: item.site,
    status: item.status,
    dry_run: !failed && item.dryRun ? 1 : 0,
    outcome_at: at,
    failure_code: failed ? item.failureCode : null,
    needs_user: failed ? (item.needsUser ? 1 : 0) : null,
  };
}
