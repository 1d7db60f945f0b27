import type { CrmStage } from '@jobpipe/contracts';
import type { TableReader } from '@jobpipe/shared';
import type { ApplicationCandidate } from '../domain/application-match.js';

/** The CRM stages of a job whose employer may write: the user applied, or is about to. */
export const STAGES_EXPECTING_MAIL: readonly CrmStage[] = ['shortlisted', 'applied', 'interviewing', 'offer'];

async function jobIdsInStage(tables: TableReader, stage: CrmStage): Promise<string[]> {
  const jobIds: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await tables.query('crm', {
      index: 'byStage',
      partitionValue: stage,
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    jobIds.push(...page.items.map((item) => item.jobId));
    cursor = page.cursor;
  } while (cursor);
  return jobIds;
}

/**
 * The jobs a message may be about: those in a stage expecting mail (crm-api's `crm` table), as the
 * parser stored them (`jobs`). Both tables are read, never written: they belong to crm-api and the parser.
 */
export async function openApplications(tables: TableReader): Promise<ApplicationCandidate[]> {
  const jobIds = (await Promise.all(STAGES_EXPECTING_MAIL.map((stage) => jobIdsInStage(tables, stage)))).flat();
  const jobs = await Promise.all(jobIds.map((jobId) => tables.get('jobs', { jobId })));
  return jobs
    .filter((job) => job !== undefined)
    .map(({ jobId, title, company, canonicalUrl }) => ({ jobId, title, company, canonicalUrl }));
}
