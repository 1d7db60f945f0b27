import type { ApplicationItem, RateBook } from '@jobpipe/contracts';
import type { AnalyticsDatabase, Item, Logger, TableStore } from '@jobpipe/shared';
import type { Kysely } from 'kysely';
import { insertNewJobs, insertStageChanges, upsertApplications, upsertScores, upsertStages } from '../db/warehouse-writes.js';
import { applicationOfItem } from '../domain/application-facts.js';
import { crmChangeOfHistoryItem, stageChangeOf, stageFactOfCrmItem } from '../domain/crm-facts.js';
import { loadedJobOf, type StoredJob, scoreFactOf } from '../domain/job-facts.js';
import { tablePages } from './table-pages.js';

/** Items of the operational tables that could not be read as analytics rows, per table. */
export type SkippedItems = Record<'jobs' | 'scores' | 'crm' | 'crmHistory' | 'applications', number>;

function defined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function isStoredJob(item: Item): item is Item & StoredJob {
  return (
    typeof item.jobId === 'string' &&
    typeof item.title === 'string' &&
    typeof item.company === 'string' &&
    typeof item.source === 'string' &&
    typeof item.contentHash === 'string'
  );
}

/**
 * Streams the operational tables page by page into empty analytics databases (every page is written to
 * each target, each page in one transaction). Jobs load first, so scores and stages land on their rows.
 * Items that are not what their table should hold are counted and skipped, not fatal.
 */
export async function loadOperationalTables(
  targets: readonly Kysely<AnalyticsDatabase>[],
  tables: TableStore,
  options: { pageSize: number; rates: RateBook; logger: Logger },
): Promise<SkippedItems> {
  const skipped: SkippedItems = { jobs: 0, scores: 0, crm: 0, crmHistory: 0, applications: 0 };
  const writeAll = async (write: (db: Kysely<AnalyticsDatabase>) => Promise<void>) => {
    for (const target of targets) await target.transaction().execute((trx) => write(trx));
  };

  for await (const items of tablePages(tables, 'jobs', options.pageSize)) {
    const jobs = items.filter(isStoredJob).map((item) => loadedJobOf(item, options.rates));
    skipped.jobs += items.length - jobs.length;
    await writeAll((db) => insertNewJobs(db, jobs));
  }
  for await (const items of tablePages(tables, 'scores', options.pageSize)) {
    const scores = items.map(scoreFactOf).filter(defined);
    skipped.scores += items.length - scores.length;
    await writeAll((db) => upsertScores(db, scores));
  }
  for await (const items of tablePages(tables, 'crm', options.pageSize)) {
    const stages = items.map(stageFactOfCrmItem).filter(defined);
    skipped.crm += items.length - stages.length;
    await writeAll((db) => upsertStages(db, stages));
  }
  for await (const items of tablePages(tables, 'crmHistory', options.pageSize)) {
    const changes = items.map(crmChangeOfHistoryItem).filter(defined).map(stageChangeOf);
    skipped.crmHistory += items.length - changes.length;
    await writeAll((db) => insertStageChanges(db, changes));
  }
  for await (const items of tablePages(tables, 'applications', options.pageSize)) {
    const applications = items.map((item) => applicationOfItem(item as unknown as ApplicationItem)).filter(defined);
    skipped.applications += items.length - applications.length;
    await writeAll((db) => upsertApplications(db, applications));
  }
  const total = Object.values(skipped).reduce((sum, count) => sum + count, 0);
  if (total > 0) options.logger.info({ skipped }, 'rebuild skipped items without analytics content (e.g. applications still requested)');
  return skipped;
}
