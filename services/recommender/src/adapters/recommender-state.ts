/**
 * The recommender's storage: its rows of the `recommenderState` table (postings as stems, labelled
 * decisions, model and config bookkeeping), the `scores` table, the model files in the blob store, and
 * a read of crm-api's `config` table when the recommender has not yet seen a `config.changed`.
 *
 * `recommenderState` rows, by partition key:
 * - `posting` / jobId: the stored features, the job summary that `job.scored` carries, and its lifecycle;
 * - `decision` / jobId: the job's current label (1, 0, or null when undone) and when it was decided;
 * - `model` / `current`: the version and blob key of the model in use;
 * - `model` / `pending`: decisions since the last training, for the retrain debounce;
 * - `config` / `current`: the last config received;
 * - `closure` / jobId: a close or reopen that came before the job's `job.parsed`, for the posting to take over.
 */
import type { FlagDismissal, GhostFlag, JobpipeConfig, RecommenderStateItem, WipeScope } from '@jobpipe/contracts';
import {
  type BlobStore,
  collect,
  deleteItems,
  type OutgoingEvent,
  type RemovedCounts,
  type ServiceOutbox,
  type ServiceTables,
  type TableWrite,
} from '@jobpipe/shared';
import type { NaiveBayesModel, TrainingExample } from '../domain/model.js';
import { featuresFromStored, type JobSummary, type StoredFeatures } from '../domain/posting-features.js';
import type { Reason } from '../domain/reasons.js';

const STATE = 'recommenderState' as const;

/** The `recommenderState` item under a partition and sort key (the pair decides which kind it is). */
type StateItem<K extends RecommenderStateItem['key'], S extends string> = Extract<RecommenderStateItem, { key: K; sort: S }>;

/**
 * What the recommender knows of a posting's lifecycle: its first sighting (job.parsed), its close
 * (job.closed / job.reopened), its ghost-risk flags (job.flagged) and the ones the user dismissed
 * (crm.flag-dismissals-changed), each with when it was decided.
 */
export interface PostingLifecycleRecord {
  readonly firstSeenAt?: string;
  readonly closedAt?: string;
  readonly closureChangedAt?: string;
  readonly ghostFlags?: GhostFlag[];
  readonly flagsChangedAt?: string;
  readonly flagDismissals?: FlagDismissal[];
  readonly dismissalsChangedAt?: string;
}

/** A close (`closedAt`) or reopen (no `closedAt`) of a job decided at `closureChangedAt`. */
export interface ClosureRecord {
  readonly closedAt?: string;
  readonly closureChangedAt: string;
}

/** A posting as the recommender keeps it. */
export interface PostingRecord {
  readonly features: StoredFeatures;
  readonly summary: JobSummary;
  readonly lifecycle?: PostingLifecycleRecord;
  /** Bumped on every write, for optimistic concurrency (absent on postings written before it was kept). */
  readonly revision?: number;
}

/** What a change of a posting makes of the one stored: the posting to write, or undefined to leave it as it is. */
export type PostingChange = (current: PostingRecord | undefined) => Omit<PostingRecord, 'revision'> | undefined;

/** A job's latest label. */
export interface DecisionRecord {
  readonly jobId: string;
  readonly label: 0 | 1 | null;
  readonly changedAt: string;
  readonly eventId: string;
}

/** The model in use. */
export interface ModelRecord {
  readonly version: string;
  readonly blobKey: string;
  readonly examples: number;
  readonly positives: number;
  readonly negatives: number;
  readonly trainedAt: string;
}

/** Decisions not yet used for training. */
export interface PendingRecord {
  readonly newDecisions: number;
  readonly lastDecisionAt: string | null;
  /** Bumped on every write, for optimistic concurrency. */
  readonly revision: number;
}

/** A config and where it stands. */
export interface ConfigRecord {
  readonly version: number;
  readonly config: JobpipeConfig;
}

/** One row of the `scores` table (the `job.scored` fields plus what idempotency needs). */
export interface ScoreRecord {
  readonly jobId: string;
  readonly contentHash: string;
  readonly score: number;
  readonly track: string | null;
  readonly trackScore: number;
  readonly modelProbability: number | null;
  readonly modelVersion: string | null;
  readonly filteredBy: string | null;
  readonly reasons: readonly Reason[];
  readonly scoredAt: string;
  /** Hash of job id, content hash, scoring config and the model version used: equal means nothing to redo. */
  readonly inputsKey: string;
  /** Hash of the result fields: equal means a rescore changed nothing worth an event. */
  readonly resultDigest: string;
  readonly configVersion: number;
  /** False while the `job.scored` of this record is being published (see Recommender.handleParsed). */
  readonly published: boolean;
  /** Who is publishing it, and since when. */
  readonly claimId: string;
  readonly claimedAt: string;
}

/** A rescored record, the record it replaces (none when undefined) and the event announcing it, if its result changed. */
export interface RescoredScore {
  readonly record: ScoreRecord;
  readonly replacing: ScoreRecord | undefined;
  readonly event?: OutgoingEvent;
}

/** The write of a score record on the condition that the job's record is still `replacing` (still absent when undefined). */
function scoreWrite({ record, replacing }: Pick<RescoredScore, 'record' | 'replacing'>): TableWrite<'scores'> {
  return {
    table: 'scores',
    item: { ...record },
    condition: replacing
      ? { kind: 'compare', attribute: 'claimId', op: 'eq', value: replacing.claimId, orNotExists: false }
      : { kind: 'notExists' },
  };
}

/** Score records per outbox commit when rescoring: their outbox entries stay within DynamoDB's 100 writes. */
const SCORES_PER_COMMIT = 40;

const EMPTY_PENDING: PendingRecord = { newDecisions: 0, lastDecisionAt: null, revision: 0 };

/** Blob key of a model version. */
export function modelBlobKey(version: string): string {
  return `models/recommender/${version}.json`;
}

/** Typed access to the recommender's tables and blobs. */
export class RecommenderState {
  constructor(
    private readonly tables: ServiceTables<'recommender'>,
    private readonly blobs: BlobStore,
    private readonly outbox: ServiceOutbox<'recommender'>,
  ) {}

  /** Deletes every score and posting, and for `all` also the decisions and model records (not the config). */
  async wipe(scope: WipeScope): Promise<RemovedCounts> {
    const wiped: ReadonlySet<string> = new Set(scope === 'all' ? ['posting', 'closure', 'decision', 'model'] : ['posting', 'closure']);
    const scores = await deleteItems(this.tables, 'scores');
    return { scores, [STATE]: await deleteItems(this.tables, STATE, (item) => wiped.has(item.key)) };
  }

  async posting(jobId: string): Promise<PostingRecord | undefined> {
    return this.item('posting', jobId);
  }

  /**
   * Changes a posting without losing a concurrent change: the write lands only on the revision it was
   * computed from, else the posting is read again and the change computed anew. `job.parsed`,
   * `job.closed` and `job.flagged` of one job may be handled at the same time, each changing another
   * part of the record. Returns the posting as stored afterwards and whether this call wrote it.
   */
  async updatePosting(jobId: string, change: PostingChange): Promise<{ posting: PostingRecord | undefined; written: boolean }> {
    for (;;) {
      const current = await this.posting(jobId);
      const next = change(current);
      if (!next) return { posting: current, written: false };
      const revision = current?.revision ?? 0;
      const posting: PostingRecord = { ...next, revision: revision + 1 };
      const written = await this.tables.put(
        STATE,
        { key: 'posting', sort: jobId, ...posting },
        // A posting stored before revisions were kept has none: it counts as revision 0.
        { kind: 'compare', attribute: 'revision', op: 'eq', value: revision, orNotExists: revision === 0 },
      );
      if (written) return { posting, written: true };
    }
  }

  /** The close or reopen kept for a job whose posting had not been parsed when it came. */
  async earlyClosure(jobId: string): Promise<ClosureRecord | undefined> {
    const item = await this.item('closure', jobId);
    return item && { ...(item.closedAt ? { closedAt: item.closedAt } : {}), closureChangedAt: item.closureChangedAt };
  }

  /**
   * Keeps a close or reopen of a job not parsed yet, unless a later one is kept already (a compare on
   * `closureChangedAt`, so concurrent deliveries keep the latest).
   */
  async keepEarlyClosure(jobId: string, closure: ClosureRecord): Promise<void> {
    await this.tables.put(
      STATE,
      { key: 'closure', sort: jobId, ...closure },
      { kind: 'compare', attribute: 'closureChangedAt', op: 'lt', value: closure.closureChangedAt, orNotExists: true },
    );
  }

  /** Postings page by page, in job id order. */
  async postingsPage(limit: number, cursor?: string): Promise<{ items: PostingRecord[]; cursor?: string }> {
    const page = await this.tables.query(STATE, { partitionValue: 'posting', limit, ...(cursor ? { cursor } : {}) });
    return { items: page.items as StateItem<'posting', string>[], ...(page.cursor ? { cursor: page.cursor } : {}) };
  }

  async decision(jobId: string): Promise<DecisionRecord | undefined> {
    return this.item('decision', jobId);
  }

  /** Writes a decision if the job's decision is still `replacing` (none when undefined); false when it changed meanwhile. */
  async replaceDecision(record: DecisionRecord, replacing: DecisionRecord | undefined): Promise<boolean> {
    return this.tables.put(
      STATE,
      { key: 'decision', sort: record.jobId, ...record },
      replacing ? { kind: 'compare', attribute: 'eventId', op: 'eq', value: replacing.eventId, orNotExists: false } : { kind: 'notExists' },
    );
  }

  /** Every decision that holds a label. */
  async labelledDecisions(): Promise<DecisionRecord[]> {
    const decisions = (await collect(this.tables.queryAll(STATE, { partitionValue: 'decision', limit: 1000 }))) as DecisionRecord[];
    return decisions.filter((decision) => decision.label !== null);
  }

  /** Every labelled decision whose posting the recommender has seen, as training examples. */
  async trainingExamples(): Promise<TrainingExample[]> {
    const examples: TrainingExample[] = [];
    for (const decision of await this.labelledDecisions()) {
      const posting = await this.posting(decision.jobId);
      if (posting) examples.push({ features: featuresFromStored(posting.features), label: decision.label as 0 | 1 });
    }
    return examples;
  }

  async pending(): Promise<PendingRecord> {
    return (await this.item('model', 'pending')) ?? EMPTY_PENDING;
  }

  /** Changes the pending record without losing a concurrent change (retries on conflict). */
  async updatePending(change: (current: PendingRecord) => Omit<PendingRecord, 'revision'>): Promise<PendingRecord> {
    for (;;) {
      const current = await this.pending();
      const next = { ...change(current), revision: current.revision + 1 };
      const written = await this.tables.put(
        STATE,
        { key: 'model', sort: 'pending', ...next },
        { kind: 'compare', attribute: 'revision', op: 'eq', value: current.revision, orNotExists: current.revision === 0 },
      );
      if (written) return next;
    }
  }

  async modelRecord(): Promise<ModelRecord | undefined> {
    return this.item('model', 'current');
  }

  /** Stores a model file and makes it the one in use. */
  async putModel(model: NaiveBayesModel, trainedAt: string): Promise<ModelRecord> {
    const record: ModelRecord = {
      version: model.version,
      blobKey: modelBlobKey(model.version),
      examples: model.examples,
      positives: model.positives,
      negatives: model.negatives,
      trainedAt,
    };
    await this.blobs.put(record.blobKey, JSON.stringify(model), 'application/json');
    await this.tables.put(STATE, { key: 'model', sort: 'current', ...record });
    return record;
  }

  /** The stored model file of a version. */
  async model(blobKey: string): Promise<NaiveBayesModel> {
    const body = await this.blobs.get(blobKey);
    if (!body) throw new Error(`model file '${blobKey}' is missing from the blob store`);
    return JSON.parse(body.toString('utf8')) as NaiveBayesModel;
  }

  /** The config in force: the last one received, else crm-api's current one, else none. */
  async config(): Promise<ConfigRecord | undefined> {
    const own = await this.item('config', 'current');
    if (own) return { version: own.version, config: own.config };
    const current = await this.tables.get('config', { key: 'current' });
    return current ? { version: current.version, config: current.config } : undefined;
  }

  async putConfig(record: ConfigRecord): Promise<void> {
    await this.tables.put(STATE, { key: 'config', sort: 'current', ...record });
  }

  async score(jobId: string): Promise<ScoreRecord | undefined> {
    return this.tables.get('scores', { jobId });
  }

  /**
   * Writes a score record and its `job.scored` together (one transaction, through the outbox) if the
   * job's record is still the one with `replacing`'s claim (none when undefined); false when another
   * delivery wrote it meanwhile.
   */
  async commitScore(record: ScoreRecord, replacing: ScoreRecord | undefined, events: readonly OutgoingEvent[]): Promise<boolean> {
    const result = await this.outbox.commit({ writes: [scoreWrite({ record, replacing })], events });
    return result.committed;
  }

  /**
   * Writes rescored records and the events announcing them, in commits of at most
   * `SCORES_PER_COMMIT` records with their events (well inside a DynamoDB transaction's 100 writes),
   * each on the condition that the job's record is still the one it replaces. A commit refused because
   * a `job.parsed` scored one of its jobs meanwhile is redone record by record, leaving that job's newer
   * score as it is.
   */
  async commitRescored(rescored: readonly RescoredScore[]): Promise<void> {
    for (let start = 0; start < rescored.length; start += SCORES_PER_COMMIT) {
      const chunk = rescored.slice(start, start + SCORES_PER_COMMIT);
      const events = chunk.flatMap(({ event }) => (event ? [event] : []));
      if ((await this.outbox.commit({ writes: chunk.map(scoreWrite), events })).committed) continue;
      for (const one of chunk) await this.commitScore(one.record, one.replacing, one.event ? [one.event] : []);
    }
  }

  /** The state item under a key pair, typed by the kind the pair holds. */
  private async item<K extends RecommenderStateItem['key'], S extends string>(key: K, sort: S): Promise<StateItem<K, S> | undefined> {
    return (await this.tables.get(STATE, { key, sort })) as StateItem<K, S> | undefined;
  }
}
