import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { RateBook } from '@jobpipe/contracts';
import type { AnalyticsDatabase, ApplicationRow, BlobStore, Clock, Logger, TableReader } from '@jobpipe/shared';
import type { Kysely } from 'kysely';
import type { AnalyticsTarget } from './adapters/analytics-target.js';
import { SqliteAnalyticsTarget, startSqliteBuild } from './adapters/sqlite-target.js';
import { replaceFlagSets, upsertLifecycle } from './db/lifecycle-writes.js';
import {
  copyDailySnapshots,
  countRows,
  insertStageChanges,
  takeDailySnapshot,
  upsertApplications,
  upsertJobs,
  upsertScores,
  upsertStages,
} from './db/warehouse-writes.js';
import type { FlagSetFact, LifecycleFact, ScoreFact } from './domain/analytics-rows.js';
import { type CrmChange, stageChangeOf, stageFactOfChange } from './domain/crm-facts.js';
import { loadedJobOf, type StoredJob } from './domain/job-facts.js';
import { currencyRatesOf } from './domain/stored-currency-rates.js';
import { dayOf } from './domain/timestamps.js';
import { loadOperationalTables } from './rebuild/load-tables.js';

/** What a published snapshot says about itself (the data of `etl.completed`). */
export interface PublishedSnapshot {
  readonly requestId: string;
  readonly snapshotBlobKey: string;
  readonly completedAt: string;
  readonly durationMs: number;
  readonly rows: { jobs: number; stageChanges: number; applications: number; skills: number };
}

/** What the warehouse works with. */
export interface WarehouseDependencies {
  readonly target: AnalyticsTarget;
  readonly tables: TableReader;
  readonly blobs: BlobStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Items per page when streaming the operational tables. */
  readonly pageSize: number;
  /** Folder for temporary files (snapshot copies). */
  readonly workDir: string;
}

/** Blob key of the SQLite snapshot of a request. */
export function snapshotBlobKey(requestId: string): string {
  return `analytics/snapshots/${requestId.replace(/[^A-Za-z0-9._-]/g, '_')}.sqlite`;
}

/**
 * The analytics store as the ETL handlers use it: incremental upserts from events, full rebuilds from
 * the operational tables, and snapshot publishing. Operations run one at a time, so an event handled
 * while a rebuild runs waits and then lands in the rebuilt store (nothing is written to a store that is
 * about to be replaced).
 */
export class AnalyticsWarehouse {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: WarehouseDependencies) {}

  /** Upserts parsed jobs (attributes, skills, USD salaries at the dated rate). */
  recordJobs(jobs: readonly StoredJob[]): Promise<void> {
    return this.exclusive(async () => {
      const rates = await this.rates();
      await upsertJobs(
        await this.deps.target.live(),
        jobs.map((job) => loadedJobOf(job, rates)),
      );
    });
  }

  /** Upserts latest scores. */
  recordScores(scores: readonly ScoreFact[]): Promise<void> {
    return this.exclusive(async () => upsertScores(await this.deps.target.live(), scores));
  }

  /** Records CRM changes in the history and moves the current stage (last writer wins). */
  recordCrmChanges(changes: readonly CrmChange[]): Promise<void> {
    return this.exclusive(async () => {
      const db = await this.deps.target.live();
      await db.transaction().execute(async (trx) => {
        await insertStageChanges(trx, changes.map(stageChangeOf));
        await upsertStages(trx, changes.map(stageFactOfChange));
      });
    });
  }

  /** Records jobs closing and reopening (the latest change of each job wins). */
  recordLifecycle(facts: readonly LifecycleFact[]): Promise<void> {
    return this.exclusive(async () => upsertLifecycle(await this.deps.target.live(), facts));
  }

  /** Records jobs' ghost-flag sets (a set decided earlier than the stored one is ignored). */
  recordFlagSets(sets: readonly FlagSetFact[]): Promise<void> {
    return this.exclusive(async () => {
      const db = await this.deps.target.live();
      await db.transaction().execute((trx) => replaceFlagSets(trx, sets));
    });
  }

  /** Upserts application outcomes. */
  recordApplications(applications: readonly ApplicationRow[]): Promise<void> {
    return this.exclusive(async () => upsertApplications(await this.deps.target.live(), applications));
  }

  /** The live analytics database (for reading reports). */
  live(): Promise<Kysely<AnalyticsDatabase>> {
    return this.deps.target.live();
  }

  /**
   * Rebuilds the store from the operational tables into a fresh database, publishes its SQLite snapshot
   * and swaps it in. Daily snapshots are history, not derivable from the tables: they are carried over.
   */
  rebuild(requestId: string): Promise<PublishedSnapshot> {
    return this.exclusive(async () => {
      const started = performance.now();
      const { target, tables, clock, logger, pageSize } = this.deps;
      const live = await target.live();
      const rates = await this.rates();
      const slot = await target.prepareRebuild();
      // The SQLite target's rebuild file is the snapshot; a PostgreSQL target gets a SQLite copy built alongside.
      const snapshotBuild = slot.sqliteBuild ?? (await startSqliteBuild(join(this.deps.workDir, 'analytics-snapshot.sqlite.build')));
      const targets = snapshotBuild.db === slot.db ? [slot.db] : [slot.db, snapshotBuild.db];
      try {
        const now = clock.now().toISOString();
        for (const db of targets) await copyDailySnapshots(live, db);
        await loadOperationalTables(targets, tables, { pageSize, rates, logger });
        for (const db of targets) await takeDailySnapshot(db, dayOf(now), now);
        const rows = await countRows(slot.db);
        await snapshotBuild.close();
        const key = snapshotBlobKey(requestId);
        await this.deps.blobs.putFile(key, snapshotBuild.path, 'application/vnd.sqlite3');
        await slot.swapIn();
        if (snapshotBuild.db !== slot.db) await snapshotBuild.discard();
        const durationMs = Math.round(performance.now() - started);
        logger.info({ requestId, rows, durationMs, target: target.kind }, 'analytics rebuilt and swapped in');
        return { requestId, snapshotBlobKey: key, completedAt: clock.now().toISOString(), durationMs, rows };
      } catch (error) {
        await slot.discard();
        await snapshotBuild.discard();
        throw error;
      }
    });
  }

  /**
   * Publishes the store as it stands (after today's daily snapshot). A SQLite store is copied with
   * VACUUM INTO; a PostgreSQL store has no SQLite file to copy, so it is rebuilt instead.
   */
  async publishCurrent(requestId: string): Promise<PublishedSnapshot> {
    const { target } = this.deps;
    if (!(target instanceof SqliteAnalyticsTarget)) return this.rebuild(requestId);
    return this.exclusive(async () => {
      const started = performance.now();
      const live = await target.live();
      const now = this.deps.clock.now().toISOString();
      await takeDailySnapshot(live, dayOf(now), now);
      const copy = join(this.deps.workDir, 'analytics-snapshot.sqlite.copy');
      try {
        await target.exportCopy(copy);
        const key = snapshotBlobKey(requestId);
        await this.deps.blobs.putFile(key, copy, 'application/vnd.sqlite3');
        const rows = await countRows(live);
        return {
          requestId,
          snapshotBlobKey: key,
          completedAt: this.deps.clock.now().toISOString(),
          durationMs: Math.round(performance.now() - started),
          rows,
        };
      } finally {
        await rm(copy, { force: true });
      }
    });
  }

  /** Closes the live database. */
  close(): Promise<void> {
    return this.exclusive(() => this.deps.target.close());
  }

  private async rates(): Promise<RateBook> {
    return new RateBook(currencyRatesOf(await this.deps.tables.get('config', { key: 'current' })));
  }

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
