import type { Item, ServiceTables } from '@jobpipe/shared';
import type { AnalyticsReports, AnnouncedSnapshot, Report, TimeToCloseGrouping } from '../ports/analytics-reports.js';
import type { AnalyticsStore } from './analytics-store.js';

/** The table of crm-api's read side (contracts `TABLES.readModel`) and the key of the snapshot item. */
const TABLE = 'readModel';
const SNAPSHOT_KEY = 'analytics#snapshot';

interface SnapshotItem extends AnnouncedSnapshot, Item {
  readonly key: typeof SNAPSHOT_KEY;
}

/** Options of the shared analytics snapshot. */
export interface SharedAnalyticsSnapshotOptions {
  readonly tables: ServiceTables<'crm-api'>;
  /** The local copy the reports are read from, which downloads a snapshot from the blob store. */
  readonly local: AnalyticsStore;
  /** How long an instance trusts its copy before it asks the table for a newer snapshot. */
  readonly checkEveryMs: number;
  readonly now: () => Date;
}

/**
 * The analytics reports of the aws transport: the instance that handles `etl.completed` records the
 * snapshot in the `readModel` table (the newest by completion time wins), and every instance — a Lambda
 * execution environment starts with an empty /tmp — asks that item at most every `checkEveryMs` and
 * downloads a snapshot it has not loaded yet from the blob store (S3, where etl wrote it). Reports are
 * then read from the local copy, as embedded.
 */
export class SharedAnalyticsSnapshot implements AnalyticsReports {
  private loadedKey: string | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly options: SharedAnalyticsSnapshotOptions) {}

  async available(): Promise<boolean> {
    await this.refresh();
    return this.options.local.loaded;
  }

  async snapshotCompleted(snapshot: AnnouncedSnapshot): Promise<void> {
    await this.options.local.snapshotCompleted(snapshot);
    this.loadedKey = snapshot.snapshotBlobKey;
    const item: SnapshotItem = {
      key: SNAPSHOT_KEY,
      requestId: snapshot.requestId,
      snapshotBlobKey: snapshot.snapshotBlobKey,
      completedAt: snapshot.completedAt,
    };
    // An older snapshot delivered late does not replace a newer one: the check below loads the newer.
    const condition = { kind: 'compare', attribute: 'completedAt', op: 'le', value: snapshot.completedAt, orNotExists: true } as const;
    await this.options.tables.put(TABLE, item, condition);
    this.checkedAt = Number.NEGATIVE_INFINITY;
    await this.refresh();
  }

  skillsByDemand(limit?: number) {
    return this.read(() => this.options.local.skillsByDemand(limit));
  }

  salaryOverall() {
    return this.read(() => this.options.local.salaryOverall());
  }

  salaryBySkill(limit: number, minJobs: number) {
    return this.read(() => this.options.local.salaryBySkill(limit, minJobs));
  }

  experienceForKeyword(keyword: string) {
    return this.read(() => this.options.local.experienceForKeyword(keyword));
  }

  byTrack() {
    return this.read(() => this.options.local.byTrack());
  }

  jobsBySourceDay(since: string) {
    return this.read(() => this.options.local.jobsBySourceDay(since));
  }

  funnel() {
    return this.read(() => this.options.local.funnel());
  }

  applicationsByDay(since: string) {
    return this.read(() => this.options.local.applicationsByDay(since));
  }

  lifecycleOverall() {
    return this.read(() => this.options.local.lifecycleOverall());
  }

  timeToClose(by: TimeToCloseGrouping, limit: number, minClosed: number) {
    return this.read(() => this.options.local.timeToClose(by, limit, minClosed));
  }

  ghostFlags() {
    return this.read(() => this.options.local.ghostFlags());
  }

  close(): Promise<void> {
    return this.options.local.close();
  }

  private async read<T>(report: () => Promise<Report<T>>): Promise<Report<T>> {
    await this.refresh();
    return report();
  }

  /**
   * Loads the recorded snapshot when it is not the one in use; one check at a time, at most every
   * `checkEveryMs` once a snapshot is loaded (until then, every report asks: the first one is awaited).
   */
  private async refresh(): Promise<void> {
    if (this.loadedKey !== undefined && this.options.now().getTime() - this.checkedAt < this.options.checkEveryMs) return;
    this.refreshing ??= this.loadRecorded().finally(() => {
      this.refreshing = undefined;
    });
    await this.refreshing;
  }

  private async loadRecorded(): Promise<void> {
    const recorded = (await this.options.tables.get(TABLE, { key: SNAPSHOT_KEY })) as SnapshotItem | undefined;
    if (recorded && recorded.snapshotBlobKey !== this.loadedKey) {
      await this.options.local.snapshotCompleted(recorded);
      this.loadedKey = recorded.snapshotBlobKey;
    }
    this.checkedAt = this.options.now().getTime();
  }
}
