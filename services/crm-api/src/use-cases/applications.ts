import type { CrmApiContext } from '../context.js';
import type { ApplicationRecord, ApplicationStatus } from '../domain/application-view.js';
import { ApiError, jobNotFound } from './api-error.js';
import { crmRecordOf } from './crm.js';

interface JobItem {
  readonly jobId: string;
  readonly title?: string;
  readonly company?: string;
  readonly canonicalUrl?: string;
  readonly applyUrl?: string;
}

async function applicationsOfJob(context: CrmApiContext, jobId: string): Promise<ApplicationRecord[]> {
  const page = await context.tables.query<ApplicationRecord & Record<string, unknown>>('applications', {
    index: 'byJob',
    partitionValue: jobId,
    limit: 100,
  });
  return page.items;
}

/**
 * Requests an application for a shortlisted job: writes the request and emits
 * `application.requested`. A real (not dry-run) application is refused while another one for the
 * same job is pending or done.
 */
export async function requestApplication(context: CrmApiContext, jobId: string, dryRun: boolean): Promise<ApplicationRecord> {
  const job = await context.tables.get<JobItem & Record<string, unknown>>('jobs', { jobId });
  const summary = await context.readModel.get(jobId);
  if (!job && !summary) throw jobNotFound(jobId);
  const stage = (await crmRecordOf(context, jobId))?.stage ?? 'new';
  if (stage !== 'shortlisted') {
    throw new ApiError(409, 'not_shortlisted', `only a shortlisted job can be applied to; '${jobId}' is '${stage}'`, { stage });
  }
  if (!dryRun) {
    const previous = (await applicationsOfJob(context, jobId)).find(
      (application) => !application.dryRun && application.status !== 'failed',
    );
    if (previous) {
      throw new ApiError(409, 'already_applied', `an application for '${jobId}' is already ${previous.status}`, {
        applicationId: previous.applicationId,
      });
    }
  }
  const applyUrl = job?.applyUrl ?? job?.canonicalUrl ?? summary?.url;
  const company = job?.company ?? summary?.company;
  if (!applyUrl || !company) throw new ApiError(422, 'job_incomplete', `job '${jobId}' has no URL or company to apply with`);
  const record: ApplicationRecord = {
    applicationId: context.ids.uuid(),
    jobId,
    status: 'requested',
    dryRun,
    requestedAt: context.clock.now().toISOString(),
    applyUrl,
    site: new URL(applyUrl).hostname,
    company,
    title: job?.title ?? summary?.title ?? '',
    finishedAt: null,
    failureCode: null,
    failureMessage: null,
    needsUser: null,
    evidenceBlobKeys: [],
  };
  await context.outbox.commit({
    writes: [{ table: 'applications', item: { ...record }, condition: { kind: 'notExists' } }],
    events: [
      {
        detailType: 'application.requested',
        data: {
          applicationId: record.applicationId,
          jobId,
          applyUrl,
          site: record.site,
          company,
          dryRun,
          requestedAt: record.requestedAt,
        },
      },
    ],
  });
  return record;
}

/** Every application, newest first, optionally only one status or one job. */
export async function listApplications(
  context: CrmApiContext,
  filter: { status?: ApplicationStatus; jobId?: string; limit: number },
): Promise<ApplicationRecord[]> {
  let all: ApplicationRecord[];
  if (filter.jobId) all = await applicationsOfJob(context, filter.jobId);
  else {
    all = [];
    let cursor: string | undefined;
    do {
      const page = await context.tables.scan<ApplicationRecord & Record<string, unknown>>('applications', cursor ? { cursor } : {});
      all.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
  }
  return all
    .filter((application) => !filter.status || application.status === filter.status)
    .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))
    .slice(0, filter.limit);
}

/** One application, or 404. */
export async function getApplication(context: CrmApiContext, applicationId: string): Promise<ApplicationRecord> {
  const stored = await context.tables.get<ApplicationRecord & Record<string, unknown>>('applications', { applicationId });
  if (!stored) throw new ApiError(404, 'application_not_found', `no application with id '${applicationId}'`);
  return stored;
}

export type { ApplicationRecord, ApplicationStatus };
