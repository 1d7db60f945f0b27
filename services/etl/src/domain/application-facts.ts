import type { ApplicationFailedV1, ApplicationSubmittedV1 } from '@jobpipe/contracts';
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
 * The outcome row of an applications table item, or undefined while it has no outcome yet (status
 * 'requested' and the like): the analytics store holds outcomes, as the events report them.
 */
export function applicationOfItem(item: Record<string, unknown>): ApplicationRow | undefined {
  if (typeof item.applicationId !== 'string' || typeof item.jobId !== 'string') return undefined;
  const site = typeof item.site === 'string' ? item.site : 'unknown';
  if (item.status === 'submitted') {
    const at = isoInstant(item.submittedAt ?? item.updatedAt);
    if (at === null) return undefined;
    return {
      application_id: item.applicationId,
      job_id: item.jobId,
      site,
      status: 'submitted',
      dry_run: item.dryRun === true ? 1 : 0,
      outcome_at: at,
      failure_code: null,
      needs_user: null,
    };
  }
  if (item.status === 'failed') {
    const at = isoInstant(item.failedAt ?? item.updatedAt);
    if (at === null) return undefined;
    const code = item.code ?? item.failureCode;
    return {
      application_id: item.applicationId,
      job_id: item.jobId,
      site,
      status: 'failed',
      dry_run: 0,
      outcome_at: at,
      failure_code: typeof code === 'string' ? code : null,
      needs_user: item.needsUser === true ? 1 : 0,
    };
  }
  return undefined;
}
