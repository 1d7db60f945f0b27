import { collect } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import { siteOfApplyUrl } from '../domain/application-site.js';
import type { ApplicationRecord, ApplicationStatus } from '../domain/application-view.js';
import { ApiError, jobNotFound } from './api-error.js';
import { currentConfig } from './config.js';
import { crmRecordOf } from './crm.js';

async function applicationsOfJob(context: CrmApiContext, jobId: string): Promise<ApplicationRecord[]> {
  const page = await context.tables.query('applications', {
    index: 'byJob',
    partitionValue: jobId,
    limit: 100,
  });
  return page.items;
}

/**
 * Requests an application for a shortlisted job: writes the request and emits
 * `application.requested`. A real (not dry-run) application is refused while another one for the
 * same job is pending or done. The site is the configured one on the apply URL's origin.
 */
export async function requestApplication(context: CrmApiContext, jobId: string, dryRun: boolean): Promise<ApplicationRecord> {
  const job = await context.tables.get('jobs', { jobId });
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
  const applyUrl = job?.canonicalUrl ?? summary?.url;
  const company = job?.company ?? summary?.company;
  if (!applyUrl || !company) throw new ApiError(422, 'job_incomplete', `job '${jobId}' has no URL or company to apply with`);
  const record: ApplicationRecord = {
    applicationId: context.ids.uuid(),
    jobId,
    status: 'requested',
    dryRun,
    requestedAt: context.clock.now().toISOString(),
    applyUrl,
    site: siteOfApplyUrl((await currentConfig(context)).config.sites, applyUrl),
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
  const all: ApplicationRecord[] = filter.jobId
    ? await applicationsOfJob(context, filter.jobId)
    : await collect(context.tables.scanAll('applications'));
  return all
    .filter((application) => !filter.status || application.status === filter.status)
    .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))
    .slice(0, filter.limit);
}

/** One application, or 404. */
export async function getApplication(context: CrmApiContext, applicationId: string): Promise<ApplicationRecord> {
  const stored = await context.tables.get('applications', { applicationId });
  if (!stored) throw new ApiError(404, 'application_not_found', `no application with id '${applicationId}'`);
  return stored;
}

/** A screenshot kept as evidence of an application. */
export interface Evidence {
  readonly body: Buffer;
  readonly contentType: 'image/png' | 'application/octet-stream';
}

/** The `index`-th evidence screenshot of an application; 404 when the application or the screenshot is missing. */
export async function applicationEvidence(context: CrmApiContext, applicationId: string, index: number): Promise<Evidence> {
  const record = await getApplication(context, applicationId);
  const key = record.evidenceBlobKeys?.[index];
  const body = key ? await context.blobs.get(key) : undefined;
  if (!key || !body) throw new ApiError(404, 'evidence_not_found', `application '${record.applicationId}' has no evidence #${index}`);
  return { body, contentType: key.endsWith('.png') ? 'image/png' : 'application/octet-stream' };
}

export type { ApplicationRecord, ApplicationStatus };
