import type { CrmApiContext } from '../context.js';
import { decodeCursor, type JobQuery } from '../domain/job-query.js';
import type { JobSummary } from '../domain/job-summary.js';
import { allowedNextStages } from '../domain/stage-transitions.js';
import type { JobPageJson } from '../ports/job-read-model.js';
import { jobNotFound } from './api-error.js';
import { crmRecordOf, historyOf } from './crm.js';

/** A job as the parser stored it (`jobs` table), as far as the API reads it. */
interface StoredJob {
  readonly descriptionHtml?: string;
  readonly descriptionText?: string;
  readonly dedupeKey?: string;
  readonly canonicalJobId?: string;
  readonly duplicateConfidence?: number;
  readonly title?: string;
  readonly company?: string;
  readonly canonicalUrl?: string;
  readonly [field: string]: unknown;
}

/** One page of scored jobs, its items already JSON (joined, not parsed and serialized again). */
export function listJobsJson(context: Pick<CrmApiContext, 'readModel'>, query: JobQuery): Promise<JobPageJson> {
  return context.readModel.listJson(query);
}

/** Every job matching the query, page after page, up to `max`. */
export async function* jobsMatching(context: Pick<CrmApiContext, 'readModel'>, query: JobQuery, max: number): AsyncGenerator<JobSummary> {
  let page = await context.readModel.list({ ...query, limit: Math.min(500, max) });
  let sent = 0;
  for (;;) {
    for (const job of page.items) {
      if (sent++ >= max) return;
      yield job;
    }
    const cursor = page.nextCursor ? decodeCursor(page.nextCursor) : undefined;
    if (!cursor || sent >= max) return;
    page = await context.readModel.list({ ...query, limit: 500, cursor });
  }
}

/** The other postings of the same job: those with its dedupe key, and its canonical posting. */
async function duplicatesOf(context: Pick<CrmApiContext, 'tables'>, jobId: string, item: StoredJob | undefined) {
  if (!item) return [];
  const related = new Map<string, StoredJob>();
  if (item.dedupeKey) {
    const page = await context.tables.query<StoredJob & Record<string, unknown>>('jobs', {
      index: 'byDedupeKey',
      partitionValue: item.dedupeKey,
      limit: 50,
    });
    for (const other of page.items) related.set(String(other.jobId), other);
  }
  if (item.canonicalJobId && item.canonicalJobId !== jobId && !related.has(item.canonicalJobId)) {
    const canonical = await context.tables.get<StoredJob & Record<string, unknown>>('jobs', { jobId: item.canonicalJobId });
    if (canonical) related.set(item.canonicalJobId, canonical);
  }
  related.delete(jobId);
  return [...related.entries()].map(([otherId, other]) => ({
    jobId: otherId,
    title: other.title ?? '',
    company: other.company ?? '',
    url: other.canonicalUrl ?? '',
    confidence: typeof other.duplicateConfidence === 'number' ? other.duplicateConfidence : (item.duplicateConfidence ?? null),
    canonical: otherId === item.canonicalJobId,
  }));
}

/** One job in full: its score and reasons, the stored posting, its CRM stage and history, its duplicates. */
export async function jobDetail(context: CrmApiContext, jobId: string) {
  const [scored, item, record, history] = await Promise.all([
    context.readModel.get(jobId),
    context.tables.get<StoredJob & Record<string, unknown>>('jobs', { jobId }),
    crmRecordOf(context, jobId),
    historyOf(context, jobId),
  ]);
  if (!scored && !item) throw jobNotFound(jobId);
  const stage = record?.stage ?? 'new';
  const { descriptionHtml, descriptionText, ...details } = item ?? {};
  const { reasons, ...summary } = scored ?? { reasons: [] };
  return {
    jobId,
    summary: scored ? summary : null,
    details: item ? details : null,
    description: { html: descriptionHtml ?? '', text: descriptionText ?? '' },
    reasons,
    crm: {
      stage,
      closedReason: record?.closedReason ?? null,
      updatedAt: record?.updatedAt ?? null,
      allowedNext: allowedNextStages(stage),
      responses: record?.responses ?? 0,
    },
    history,
    duplicates: await duplicatesOf(context, jobId, item),
  };
}
