import type { RateBook } from '@jobpipe/contracts';
import type { AnalyticsDatabase, Item, Logger, TableReader } from '@jobpipe/shared';
import type { Kysely } from 'kysely';
import { replaceFlagSets, upsertLifecycle } from '../db/lifecycle-writes.js';
import { insertNewJobs, insertStageChanges, upsertApplications, upsertScores, upsertStages } from '../db/warehouse-writes.js';
import { applicationOfItem } from '../domain/application-facts.js';
import { crmChangeOfHistoryItem, stageChangeOf, stageFactOfCrmItem } from '../domain/crm-facts.js';
import { loadedJobOf, scoreFactOf } from '../domain/job-facts.js';
import { flagSetOfItem, lifecycleOfItem } from '../domain/lifecycle-facts.js';

/** Items of the operational tables that could not be read as analytics rows, per table. */
export type SkippedItems = Record<'scores' | 'crm' | 'crmHistory' | 'applications', number>;

function defined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

/** An item read field by field, as the fact readers (shared with event data) take it. */
const fieldsOf = (item: object) => item as Item;

/**
 * Streams the operational tables page by page into empty analytics databases (every page is written to
 * each target, each page in one transaction). Jobs load first, so scores and stages land on their rows.
 * Items that are not what their table should hold are counted and skipped, not fatal.
 */
export async function loadOperationalTables(
  targets: readonly Kysely<AnalyticsDatabase>[],
  tables: TableReader,
  options: { pageSize: number; rates: RateBook; logger: Logger },
): Promise<SkippedItems> {
  const skipped: SkippedItems = { scores: 0, crm: 0, crmHistory: 0, applications: 0 };
  const writeAll = async (write: (db: Kysely<AnalyticsDatabase>) => Promise<void>) => {
    for (const target of targets) await target.transaction().execute((trx) => write(trx));
  };

  for await (const items of tables.scanPages('jobs', { pageSize: options.pageSize })) {
    const jobs = items.map((item) => loadedJobOf(item, options.rates));
    const closures = items.map(lifecycleOfItem).filter(defined);
    const flagSets = items.map(flagSetOfItem).filter(defined);
    await writeAll(async (db) => {
      await insertNewJobs(db, jobs);
      await upsertLifecycle(db, closures);
      await replaceFlagSets(db, flagSets);
    });
  }
  for await (const items of tables.scanPages('scores', { pageSize: options.pageSize })) {
    const scores = items.map(fieldsOf).map(scoreFactOf).filter(defined);
    skipped.scores += items.length - scores.length;
    await writeAll((db) => upsertScores(db, scores));
  }
  for await (const items of tables.scanPages('crm', { pageSize: options.pageSize })) {
    const stages = items.map(fieldsOf).map(stageFactOfCrmItem).filter(defined);
    skipped.crm += items.length - stages.length;
    await writeAll((db) => upsertStages(db, stages));
  }
  for await (const items of tables.scanPages('crmHistory', { pageSize: options.pageSize })) {
    const changes = items.map(fieldsOf).map(crmChangeOfHistoryItem).filter(defined).map(stageChangeOf);
    skipped.crmHistory += items.length - changes.length;
    await writeAll((db) => insertStageChanges(db, changes));
  }
  for await (const items of tables.scanPages('applications', { pageSize: options.pageSize })) {
    const applications = items.map(applicationOfItem).filter(defined);
    skipped.applications += items.length - applications.length;
    await writeAll((db) => upsertApplications(db, applications));
  }
  const total = Object.values(skipped).reduce((sum, count) => sum + count, 0);
  if (total > 0) options.logger.info({ skipped }, 'rebuild skipped items without analytics content (e.g. applications still requested)');
  return skipped;
}
