import type { CrmStage, FlagDismissal, GhostFlag } from '@jobpipe/contracts';
import {
  collect,
  deleteItems,
  GatheringTurn,
  type IndexName,
  type Item,
  type ItemToWrite,
  type ServiceTables,
  type WriteCondition,
} from '@jobpipe/shared';
import { alsoOnPosting, byGroupRank, groupOf, ranksBefore } from '../domain/duplicate-groups.js';
import { withDismissals } from '../domain/flag-dismissals.js';
import { companyKeyOf, encodeCursor, type JobQuery, type JobSort, jobMatches, SORT_VALUE, searchTextOf } from '../domain/job-query.js';
import { isStaleScore, type JobSummary, type PostingClosure, type ScoredJob, type ScoreReason, summaryOf } from '../domain/job-summary.js';
import type { JobPage, JobPageJson, JobReadModel, UpsertOutcome } from '../ports/job-read-model.js';
import { type IndexWalk, walkIndex } from './index-walk.js';
import { compareKeys, listingSortFloor, listingSortKey } from './listing-keys.js';

/** The table of crm-api's read side (contracts `TABLES.readModel`). */
const TABLE = 'readModel' as const;
/** Partition of the indexes over every job. */
const LISTING = 'jobs';
const COUNT_KEY = 'count#jobs';

/** A job of the listing as stored: its summary and reasons, and the key of every index it is in. */
interface ListingItem extends Item {
  readonly key: string;
  readonly listing: typeof LISTING;
  readonly stage: CrmStage;
  readonly track?: string;
  readonly source: string;
  readonly companyKey?: string;
  readonly scoreKey: string;
  readonly postedKey: string;
  readonly salaryKey: string;
  readonly searchText: string;
  readonly revision: number;
  readonly summary: JobSummary;
  readonly reasons: ScoreReason[];
  /** The job's duplicate group (index byGroup): only on a job that is a copy, or has copies. */
  readonly groupKey?: string;
  /** When the posting's last close or reopen happened (an older one delivered late changes nothing). */
  readonly closureChangedAt?: string;
  /** When the job's ghost-risk flags were last decided (an older set delivered late changes nothing). */
  readonly flagsChangedAt?: string;
  /** The flags the user dismissed, and the CRM record version they are of (an older one changes nothing). */
  readonly flagDismissals?: FlagDismissal[];
  readonly dismissalsVersion?: number;
}

/** The summary with the posting's closure on it, or without one. */
function withClosure(summary: JobSummary, closure: PostingClosure): JobSummary {
  const { closedAt: _closedAt, closeReason: _closeReason, ...open } = summary;
  return closure ? { ...open, closedAt: closure.closedAt, closeReason: closure.closeReason } : open;
}

/** The summary with the job's ghost-risk flags on it, the dismissed ones marked (none: without the field). */
function withGhostFlags(
  summary: JobSummary,
  flags: readonly GhostFlag[] | undefined,
  dismissals: readonly FlagDismissal[] = [],
): JobSummary {
  const { ghostFlags: _ghostFlags, ...unflagged } = summary;
  return flags && flags.length > 0 ? { ...unflagged, ghostFlags: withDismissals(flags, dismissals) } : unflagged;
}

/** What happened to a job's posting: its close and its ghost-risk flags, each with when it was decided. */
interface PostingState {
  readonly closure?: PostingClosure;
  readonly closureChangedAt?: string;
  readonly ghostFlags?: GhostFlag[];
  readonly flagsChangedAt?: string;
  readonly flagDismissals?: FlagDismissal[];
  readonly dismissalsVersion?: number;
  /** Another posting named this job its canonical job (its listing item joins the group). */
  readonly hasDuplicates?: true;
}

/** A job's posting state kept before its first score (`posting#<jobId>`): the listing item starts with it. */
interface PostingStateItem extends Item, PostingState {
  readonly key: string;
  readonly revision: number;
}

/** The posting state a listing item carries. */
function postingStateOf(item: ListingItem): PostingState {
  const { closedAt, closeReason, ghostFlags } = item.summary;
  return {
    ...(item.closureChangedAt !== undefined
      ? { closure: closedAt ? { closedAt, closeReason: closeReason ?? '' } : null, closureChangedAt: item.closureChangedAt }
      : {}),
    ...(item.flagsChangedAt !== undefined ? { ...(ghostFlags ? { ghostFlags } : {}), flagsChangedAt: item.flagsChangedAt } : {}),
    ...(item.dismissalsVersion !== undefined
      ? { flagDismissals: item.flagDismissals ?? [], dismissalsVersion: item.dismissalsVersion }
      : {}),
  };
}

interface CountItem extends Item {
  readonly key: typeof COUNT_KEY;
  readonly jobs: number;
  readonly revision: number;
}

/** The index sort key attribute of each order. */
const SORT_KEY_ATTRIBUTE: Readonly<Record<JobSort, 'scoreKey' | 'postedKey' | 'salaryKey'>> = {
  score: 'scoreKey',
  posted: 'postedKey',
  salary: 'salaryKey',
};

const jobKey = (jobId: string) => `job#${jobId}`;
const postingKey = (jobId: string) => `posting#${jobId}`;
const revisionIs = (revision: number): WriteCondition => ({
  kind: 'compare',
  attribute: 'revision',
  op: 'eq',
  value: revision,
  orNotExists: false,
});

/**
 * A job's listing item. It joins a duplicate group (`groupKey`) when it is a copy, or when `hasDuplicates`
 * (a copy named it before; a canonical job learns its copies only from theirs).
 */
function listingItem(job: ScoredJob, revision: number, hasDuplicates: boolean): ListingItem {
  const summary = summaryOf(job);
  const companyKey = companyKeyOf(job.company);
  const grouped = job.canonicalJobId !== undefined || hasDuplicates;
  return {
    key: jobKey(job.jobId),
    listing: LISTING,
    stage: job.stage,
    ...(job.track ? { track: job.track } : {}),
    source: job.source,
    ...(companyKey ? { companyKey } : {}),
    scoreKey: listingSortKey('score', SORT_VALUE.score(summary), job.jobId),
    postedKey: listingSortKey('posted', SORT_VALUE.posted(summary), job.jobId),
    salaryKey: listingSortKey('salary', SORT_VALUE.salary(summary), job.jobId),
    searchText: searchTextOf(job.title, job.company, job.skills),
    revision,
    summary,
    reasons: job.reasons,
    ...(grouped ? { groupKey: groupOf(job) } : {}),
  };
}

/** Which index a query walks and which of its partitions: the narrowest its filters allow. */
function indexFor(query: JobQuery): { index: IndexName<typeof TABLE>; partitions: string[] } {
  const unique = (values: readonly string[]) => [...new Set(values)];
  const companyKey = query.company === undefined ? '' : companyKeyOf(query.company);
  if (query.sort === 'score') {
    if (companyKey) return { index: 'byCompanyScore', partitions: [companyKey] };
    if (query.stages?.length) return { index: 'byStageScore', partitions: unique(query.stages) };
    if (query.tracks?.length) return { index: 'byTrackScore', partitions: unique(query.tracks) };
    if (query.sources?.length) return { index: 'bySourceScore', partitions: unique(query.sources) };
    return { index: 'byScore', partitions: [LISTING] };
  }
  if (query.sort === 'posted') {
    if (query.stages?.length) return { index: 'byStagePosted', partitions: unique(query.stages) };
    return { index: 'byPosted', partitions: [LISTING] };
  }
  return { index: 'bySalary', partitions: [LISTING] };
}

/** The least sort value a query's filters allow in its own order (a bound of the key range read). */
function sortValueFloor(query: JobQuery): number | string | undefined {
  if (query.sort === 'score') return query.minScore;
  if (query.sort === 'posted') return query.postedSince;
  return query.salaryMin;
}

/** The most sort value a query's filters allow in its own order (an ascending walk stops past it). */
function sortValueCeiling(query: JobQuery): number | undefined {
  return query.sort === 'salary' ? query.salaryMax : undefined;
}

/** Whether the query filters on more than the index partition it walks (then it reads more per request). */
function filtersBeyondIndex(query: JobQuery, index: string): boolean {
  const filters = [
    query.stages?.length && index !== 'byStageScore' && index !== 'byStagePosted',
    query.tracks?.length && index !== 'byTrackScore',
    query.sources?.length && index !== 'bySourceScore',
    query.company !== undefined && index !== 'byCompanyScore',
    query.minScore !== undefined && query.sort !== 'score',
    query.text,
    query.remote !== undefined,
    query.salaryMin !== undefined && query.sort !== 'salary',
    query.salaryMax !== undefined,
    query.currency,
    query.postedSince !== undefined && query.sort !== 'posted',
  ];
  return filters.some(Boolean);
}

/**
 * The read model in the operational tables (the `readModel` table; DynamoDB on the aws transport), so
 * every crm-api instance — every Lambda execution environment — lists the same jobs. A list walks the
 * index of its sort (by stage, track, source or company when it filters on one: a partition per
 * value, merged in order) and tests the other filters on what it reads; DynamoDB bills a filter
 * expression's reads the same, so the filter runs here. Writes are conditional on the revision read
 * (no transactions: a score and a stage change of one job never overwrite each other), and the job
 * count is an item of its own, raised the same way.
 */
export class TableJobReadModel implements JobReadModel {
  /** The count item as this instance last wrote or read it (saves a read before each raise). */
  private knownCount: CountItem | undefined;
  /** Raises of the count not yet written, and the count write under way (one at a time). */
  private pendingRaises = 0;
  private countWrite: Promise<void> | undefined;

  constructor(private readonly tables: ServiceTables<'crm-api'>) {}

  /**
   * Writes a listing or count item. The summaries carry a job's source as a string where the table's
   * schema names the sources; the tests' ports check every write against the schema.
   */
  private write(item: ListingItem | CountItem | PostingStateItem, condition: WriteCondition): Promise<boolean> {
    return this.tables.put(TABLE, item as unknown as ItemToWrite<typeof TABLE>, condition);
  }

  /** The item under a key, as the kind its key prefix (`job#`, `count#`) holds in the table's schema. */
  private async stored<T extends ListingItem | CountItem | PostingStateItem>(key: string): Promise<T | undefined> {
    return (await this.tables.get(TABLE, { key })) as unknown as T | undefined;
  }

  async upsert(jobs: readonly ScoredJob[]): Promise<UpsertOutcome[]> {
    const outcomes: UpsertOutcome[] = [];
    for (const job of jobs) outcomes.push(await this.upsertOne(job));
    return outcomes;
  }

  async setStage(jobId: string, stage: CrmStage): Promise<void> {
    for (;;) {
      const current = await this.stored<ListingItem>(jobKey(jobId));
      if (!current || current.stage === stage) return;
      const moved = { ...current, stage, summary: { ...current.summary, stage }, revision: current.revision + 1 };
      if (await this.write(moved, revisionIs(current.revision))) return;
    }
  }

  async setClosure(jobId: string, at: string, closure: PostingClosure): Promise<void> {
    for (;;) {
      const current = await this.stored<ListingItem>(jobKey(jobId));
      if (!current) {
        // Not scored yet: kept until its first score lists it (or, if that came meanwhile, applied to it).
        const late = (state: PostingStateItem) => state.closureChangedAt !== undefined && state.closureChangedAt >= at;
        await this.keepUntilListed(jobId, (state) => (late(state) ? undefined : { ...state, closure, closureChangedAt: at }));
        if (await this.stored<ListingItem>(jobKey(jobId))) continue;
        return;
      }
      if (current.closureChangedAt !== undefined && current.closureChangedAt >= at) return;
      const changed = { ...current, summary: withClosure(current.summary, closure), closureChangedAt: at, revision: current.revision + 1 };
      if (await this.write(changed, revisionIs(current.revision))) return;
    }
  }

  async setGhostFlags(jobId: string, at: string, flags: readonly GhostFlag[]): Promise<void> {
    for (;;) {
      const current = await this.stored<ListingItem>(jobKey(jobId));
      if (!current) {
        const late = (state: PostingStateItem) => state.flagsChangedAt !== undefined && state.flagsChangedAt >= at;
        await this.keepUntilListed(jobId, (state) => (late(state) ? undefined : { ...state, ghostFlags: [...flags], flagsChangedAt: at }));
        if (await this.stored<ListingItem>(jobKey(jobId))) continue;
        return;
      }
      if (current.flagsChangedAt !== undefined && current.flagsChangedAt >= at) return;
      const summary = withGhostFlags(current.summary, flags, current.flagDismissals);
      const changed = { ...current, summary, flagsChangedAt: at, revision: current.revision + 1 };
      if (await this.write(changed, revisionIs(current.revision))) return;
    }
  }

  async setFlagDismissals(jobId: string, version: number, dismissals: readonly FlagDismissal[]): Promise<void> {
    const late = (state: PostingState) => state.dismissalsVersion !== undefined && state.dismissalsVersion >= version;
    for (;;) {
      const current = await this.stored<ListingItem>(jobKey(jobId));
      if (!current) {
        await this.keepUntilListed(jobId, (state) =>
          late(state) ? undefined : { ...state, flagDismissals: [...dismissals], dismissalsVersion: version },
        );
        if (await this.stored<ListingItem>(jobKey(jobId))) continue;
        return;
      }
      if (late(current)) return;
      const summary = withGhostFlags(current.summary, current.summary.ghostFlags, dismissals);
      const changed = { ...current, summary, flagDismissals: [...dismissals], dismissalsVersion: version, revision: current.revision + 1 };
      if (await this.write(changed, revisionIs(current.revision))) return;
    }
  }

  /**
   * A copy of `canonicalJobId` was listed: the canonical job's item joins the group too (or, not listed
   * yet, starts in it), so a list reading it looks its group up.
   */
  private async joinGroup(canonicalJobId: string): Promise<void> {
    for (;;) {
      const current = await this.stored<ListingItem>(jobKey(canonicalJobId));
      if (!current) {
        await this.keepUntilListed(canonicalJobId, (state) => (state.hasDuplicates ? undefined : { ...state, hasDuplicates: true }));
        if (await this.stored<ListingItem>(jobKey(canonicalJobId))) continue;
        return;
      }
      if (current.groupKey !== undefined) return;
      const grouped = { ...current, groupKey: canonicalJobId, revision: current.revision + 1 };
      if (await this.write(grouped, revisionIs(current.revision))) return;
    }
  }

  /** Changes the posting state kept for a job not listed yet (`change` returns undefined: nothing to change). */
  private async keepUntilListed(jobId: string, change: (state: PostingStateItem) => PostingStateItem | undefined): Promise<void> {
    for (;;) {
      const current = await this.stored<PostingStateItem>(postingKey(jobId));
      const next = change(current ?? { key: postingKey(jobId), revision: 0 });
      if (!next) return;
      const condition: WriteCondition = current ? revisionIs(current.revision) : { kind: 'notExists' };
      if (await this.write({ ...next, revision: (current?.revision ?? 0) + 1 }, condition)) return;
    }
  }

  async get(jobId: string): Promise<ScoredJob | undefined> {
    const item = await this.stored<ListingItem>(jobKey(jobId));
    return item ? { ...item.summary, reasons: item.reasons } : undefined;
  }

  async count(): Promise<number> {
    const item = await this.stored<CountItem>(COUNT_KEY);
    if (item) this.knownCount = item;
    return item?.jobs ?? 0;
  }

  async list(query: JobQuery): Promise<JobPage> {
    const { index, partitions } = indexFor(query);
    const descending = query.order === 'desc';
    const floorValue = sortValueFloor(query);
    const ceiling = sortValueCeiling(query);
    const after = query.cursor ? listingSortKey(query.sort, query.cursor.value, query.cursor.jobId) : undefined;
    let from = floorValue === undefined ? undefined : listingSortFloor(query.sort, floorValue);
    let to: string | undefined;
    if (after !== undefined && descending) to = after;
    if (after !== undefined && !descending && (from === undefined || compareKeys(after, from) > 0)) from = after;
    if (from !== undefined && to !== undefined && compareKeys(from, to) > 0) return { items: [], nextCursor: null };
    const walk: IndexWalk = {
      table: TABLE,
      index,
      sortKey: SORT_KEY_ATTRIBUTE[query.sort],
      partitions,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(after !== undefined ? { after } : {}),
      descending,
      pageSize: filtersBeyondIndex(query, index) ? Math.max(query.limit + 1, 100) : query.limit + 1,
    };
    const items: JobSummary[] = [];
    const groups = new Map<string, Promise<ListingItem[]>>();
    for await (const item of walkIndex<ListingItem>(this.tables, walk)) {
      const value = SORT_VALUE[query.sort](item.summary);
      if (!descending && ceiling !== undefined && typeof value === 'number' && value > ceiling) break;
      if (!jobMatches(item.summary, item.searchText, query)) continue;
      const row = query.collapse && item.groupKey !== undefined ? await this.groupRow(item, query, groups) : item.summary;
      if (!row) continue;
      items.push(row);
      if (items.length > query.limit) break;
    }
    if (items.length <= query.limit) return { items, nextCursor: null };
    items.length = query.limit;
    const last = items[query.limit - 1]!;
    return {
      items,
      nextCursor: encodeCursor({ sort: query.sort, order: query.order, value: SORT_VALUE[query.sort](last), jobId: last.jobId }),
    };
  }

  /**
   * A grouped job's row in a collapsing list: the job with its group's other postings that the query
   * selects under `alsoOn`, or undefined when one of those ranks before it (that one is the row).
   * Each group is read once per list (index byGroup).
   */
  private async groupRow(item: ListingItem, query: JobQuery, groups: Map<string, Promise<ListingItem[]>>): Promise<JobSummary | undefined> {
    const groupKey = item.groupKey!;
    let members = groups.get(groupKey);
    if (!members) {
      members = collect(this.tables.queryAll(TABLE, { index: 'byGroup', partitionValue: groupKey })) as unknown as Promise<ListingItem[]>;
      groups.set(groupKey, members);
    }
    const others = (await members).filter((member) => member.key !== item.key && jobMatches(member.summary, member.searchText, query));
    if (others.some((other) => ranksBefore(other.summary, item.summary))) return undefined;
    return others.length > 0
      ? {
          ...item.summary,
          alsoOn: others
            .map((other) => other.summary)
            .sort(byGroupRank)
            .map(alsoOnPosting),
        }
      : item.summary;
  }

  async listJson(query: JobQuery): Promise<JobPageJson> {
    return { json: JSON.stringify(await this.list(query)) };
  }

  /** DynamoDB keeps no statistics to refresh. */
  async optimize(): Promise<void> {}

  /**
   * Deletes every job item, then the count (another instance's remembered count then fails its
   * revision condition and reads again). The snapshot item stays: etl announces the next one.
   */
  async clear(): Promise<number> {
    const jobs = await deleteItems(this.tables, TABLE, (item) => item.key.startsWith('job#'));
    await this.tables.delete(TABLE, { key: COUNT_KEY });
    this.knownCount = undefined;
    return jobs;
  }

  async close(): Promise<void> {}

  /** Records one score: a new item, or the newer score over the stored one keeping its stage. */
  private async upsertOne(job: ScoredJob): Promise<UpsertOutcome> {
    for (;;) {
      // Both read at once (one request on DynamoDB with the reads of the batch's other handlers).
      const [current, keptBeforeListed] = await Promise.all([
        this.stored<ListingItem>(jobKey(job.jobId)),
        this.stored<PostingStateItem>(postingKey(job.jobId)),
      ]);
      if (current && isStaleScore(current.summary, job)) {
        // A redelivery: the canonical job may not have joined the group when the first delivery failed.
        if (job.canonicalJobId !== undefined) await this.joinGroup(job.canonicalJobId);
        return 'unchanged';
      }
      // A new score keeps the posting's closure, ghost-risk flags and copies; a first score takes those kept before it.
      const kept: PostingState | undefined = current ? postingStateOf(current) : keptBeforeListed;
      const hasDuplicates = current ? current.groupKey === job.jobId : kept?.hasDuplicates === true;
      const scored = listingItem(current ? { ...job, stage: current.stage } : job, (current?.revision ?? 0) + 1, hasDuplicates);
      const closed = kept?.closureChangedAt
        ? { ...scored, summary: withClosure(scored.summary, kept.closure ?? null), closureChangedAt: kept.closureChangedAt }
        : scored;
      const flagged = kept?.flagsChangedAt
        ? { ...closed, summary: withGhostFlags(closed.summary, kept.ghostFlags, kept.flagDismissals), flagsChangedAt: kept.flagsChangedAt }
        : closed;
      const item =
        kept?.dismissalsVersion !== undefined
          ? { ...flagged, flagDismissals: kept.flagDismissals ?? [], dismissalsVersion: kept.dismissalsVersion }
          : flagged;
      // Another writer came first when the condition fails: read again and decide again.
      if (!(await this.write(item, current ? revisionIs(current.revision) : { kind: 'notExists' }))) continue;
      if (job.canonicalJobId !== undefined) await this.joinGroup(job.canonicalJobId);
      if (current) return 'updated';
      await this.raiseCount();
      return 'inserted';
    }
  }

  /**
   * Adds one to the job count. The raises of one instance go out one write at a time, each write adding
   * every raise waiting when it is sent (`addPendingRaises`): the handlers of a batch, run together, share one conditional
   * write instead of racing for the count's revision (each loser read and wrote again: ~6 reads and 6
   * writes per new job on a batch of 10). A crash or failure between a new job's write and the count's
   * leaves the count short by the raises it held (the redelivered event finds the job and changes
   * nothing): the count is what /health shows, not what any list relies on.
   */
  private async raiseCount(): Promise<void> {
    this.pendingRaises += 1;
    while (this.pendingRaises > 0) {
      if (!this.countWrite) {
        this.countWrite = this.addPendingRaises().finally(() => {
          this.countWrite = undefined;
        });
      }
      // Waiting for the write another handler of the batch started: the batch's turn sends it without waiting for this one.
      await GatheringTurn.waitingOnOthers(this.countWrite);
    }
  }

  /**
   * Adds the raises waiting once the event loop has run what was ready: the handlers of a batch whose
   * listing writes were answered together (one transaction) have all raised by then, so their raises
   * share one write instead of the first going alone and the rest after it.
   */
  private async addPendingRaises(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    const raises = this.pendingRaises;
    this.pendingRaises = 0;
    await this.addToCount(raises);
  }

  /** Adds `raises` to the count item, conditional on the revision known (read again when another instance wrote). */
  private async addToCount(raises: number): Promise<void> {
    let known = this.knownCount;
    for (;;) {
      known ??= (await this.stored<CountItem>(COUNT_KEY)) ?? { key: COUNT_KEY, jobs: 0, revision: 0 };
      const next: CountItem = { key: COUNT_KEY, jobs: known.jobs + raises, revision: known.revision + 1 };
      const condition: WriteCondition = known.revision === 0 ? { kind: 'notExists' } : revisionIs(known.revision);
      if (await this.write(next, condition)) {
        this.knownCount = next;
        return;
      }
      known = undefined;
    }
  }
}
