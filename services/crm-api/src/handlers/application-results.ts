import type { EventHandler, HandlerContext } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import type { ApplicationRecord } from '../domain/application-view.js';
import { ApiError } from '../use-cases/api-error.js';
import { changeStage, crmRecordOf } from '../use-cases/crm.js';

/** The fields an outcome event sets on crm-api's application item. */
type Outcome = Pick<ApplicationRecord, 'status' | 'finishedAt' | 'failureCode' | 'failureMessage' | 'needsUser' | 'evidenceBlobKeys'>;

/** Records an outcome on the request item once (a redelivered outcome finds it settled). */
async function recordOutcome(context: CrmApiContext, applicationId: string, outcome: Outcome): Promise<void> {
  const current = await context.tables.get('applications', { applicationId });
  if (current?.status !== 'requested') return;
  await context.tables.put(
    'applications',
    { ...current, ...outcome },
    { kind: 'compare', attribute: 'status', op: 'eq', value: 'requested', orNotExists: false },
  );
}

/** A real submission moves the job from shortlisted to applied (once; repeats find it applied). */
async function markApplied(context: CrmApiContext, handler: HandlerContext, jobId: string): Promise<void> {
  const stage = (await crmRecordOf(context, jobId))?.stage ?? 'new';
  if (stage !== 'shortlisted') return;
  try {
    await changeStage(context, { jobId, to: 'applied', by: 'applier', note: 'application submitted' }, (events) => handler.caused(events));
  } catch (error) {
    if (error instanceof ApiError && error.statusCode === 404) return;
    throw error;
  }
}

/** `application.submitted`: outcome on the application, CRM stage applied, live message. */
export function handleApplicationSubmitted(context: CrmApiContext): EventHandler<'application.submitted'> {
  return async (event, handler) => {
    const data = event.detail.data;
    await recordOutcome(context, data.applicationId, {
      status: 'submitted',
      finishedAt: data.submittedAt,
      failureCode: null,
      failureMessage: null,
      needsUser: null,
      evidenceBlobKeys: [data.evidence.beforeBlobKey, ...(data.evidence.afterBlobKey ? [data.evidence.afterBlobKey] : [])],
    });
    if (!data.dryRun) await markApplied(context, handler, data.jobId);
    context.live.publish({
      event: 'application.submitted',
      data: { applicationId: data.applicationId, jobId: data.jobId, site: data.site, dryRun: data.dryRun, submittedAt: data.submittedAt },
    });
  };
}

/** `application.failed`: outcome on the application and a live message (the user may need to act). */
export function handleApplicationFailed(context: CrmApiContext): EventHandler<'application.failed'> {
  return async (event) => {
    const data = event.detail.data;
    await recordOutcome(context, data.applicationId, {
      status: 'failed',
      finishedAt: data.failedAt,
      failureCode: data.code,
      failureMessage: data.question ? `${data.message} (question: ${data.question})` : data.message,
      needsUser: data.needsUser,
      evidenceBlobKeys: data.evidenceBlobKey ? [data.evidenceBlobKey] : [],
    });
    context.live.publish({
      event: 'application.failed',
      data: {
        applicationId: data.applicationId,
        jobId: data.jobId,
        site: data.site,
        code: data.code,
        message: data.message,
        needsUser: data.needsUser,
      },
    });
  };
}
