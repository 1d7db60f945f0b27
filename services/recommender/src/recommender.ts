/**
 * The recommender's work between the handlers and the domain: score a posting once per set of inputs,
 * record decisions, retrain when enough new decisions arrived (debounced), and rescore in bounded
 * batches after a retrain or a config change, announcing `job.scored` only where a score changed. A
 * score record and its `job.scored` commit together through the outbox.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { CrmStageChangedV1, EventDataMap, JobpipeConfig, WipeScope } from '@jobpipe/contracts';
import { type Clock, type Logger, type OutgoingEvent, type RemovedCounts, TransientError } from '@jobpipe/shared';
import type {
  ClosureRecord,
  ConfigRecord,
  DecisionRecord,
  PostingChange,
  PostingRecord,
  RecommenderState,
  RescoredScore,
  ScoreRecord,
} from './adapters/recommender-state.js';
import {
  type PostingScore,
  type ScoringContext,
  scorePosting,
  scoringConfigHash,
  scoringContext,
  usedModelVersion,
} from './domain/blend.js';
import { labelChangeOf } from './domain/labels.js';
import { type LoadedModel, loadModel, trainModel } from './domain/model.js';
import { penaltyInputs, penaltyReasons, withPenalties } from './domain/penalties.js';
import { featuresFromStored, type ParsedPosting, storedFeaturesOf, summarizeJob } from './domain/posting-features.js';

/**
 * Sets correlation and cause on the events a change commits: a handler's `context.caused`, or
 * `uncaused` for background work (the retrain timer).
 */
export type Caused = (events: readonly OutgoingEvent[]) => OutgoingEvent[];

/** Events of background work: no cause, a correlation of their own. */
export const uncaused: Caused = (events) => [...events];

/** Tuning of retraining and rescoring. */
export interface RecommenderSettings {
  /** New labelled decisions that trigger a retrain at once. */
  readonly retrainAfter: number;
  /** Seconds without a new decision after which fewer decisions also trigger a retrain. */
  readonly retrainQuietSeconds: number;
  /** Postings rescored, and at most events published, per batch. */
  readonly rescoreBatchSize: number;
}

/** What a rescore did. */
export interface RescoreReport {
  readonly examined: number;
  readonly rescored: number;
  readonly published: number;
  readonly batches: number;
}

/** A posting's change by a close or reopen: none for a posting not stored yet, or one that holds a later change. */
function closureChange(closure: ClosureRecord): PostingChange {
  return (current) => {
    const lifecycle = current?.lifecycle ?? {};
    if (!current || (lifecycle.closureChangedAt !== undefined && lifecycle.closureChangedAt >= closure.closureChangedAt)) return undefined;
    const { closedAt: _closedAt, ...open } = lifecycle;
    return { ...current, lifecycle: { ...open, ...closure } };
  };
}

const EMPTY_CONFIG: ConfigRecord = { version: 0, config: { tracks: [], searches: [] } };

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function resultDigest(result: PostingScore): string {
  const { score, track, trackScore, modelProbability, filteredBy, reasons } = result;
  return sha256(JSON.stringify({ score, track, trackScore, modelProbability, filteredBy, reasons }));
}

/** The config and model in force, prepared for scoring. */
export interface ScoringInputs {
  readonly context: ScoringContext;
  readonly config: ConfigRecord;
  readonly configHash: string;
}

/** What scoring a posting reads: the config and model in force, and the job's score record (none when undefined). */
interface ScoringReads {
  readonly inputs: ScoringInputs;
  readonly previous: ScoreRecord | undefined;
}

/** The recommender service's operations over its state. */
export class Recommender {
  private loadedModel: LoadedModel | undefined;
  private cachedContext: { key: string; context: ScoringContext } | undefined;
  // Retrains and rescores run one at a time in this process.
  private exclusive: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly state: RecommenderState,
    private readonly settings: RecommenderSettings,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** The config and model in force, prepared for scoring (cached while neither changes). */
  async context(): Promise<ScoringInputs> {
    // Read together: on DynamoDB the reads of a batch's handlers go out as one BatchGetItem per round.
    const [stored, modelRecord] = await Promise.all([this.state.config(), this.state.modelRecord()]);
    const config = stored ?? EMPTY_CONFIG;
    if (modelRecord && this.loadedModel?.model.version !== modelRecord.version) {
      this.loadedModel = loadModel(await this.state.model(modelRecord.blobKey));
    }
    const model = modelRecord ? this.loadedModel : undefined;
    const configHash = scoringConfigHash(config.config);
    const key = `${configHash}/${model?.model.version ?? 'none'}`;
    if (this.cachedContext?.key !== key) this.cachedContext = { key, context: scoringContext(config.config, model) };
    return { context: this.cachedContext.context, config, configHash };
  }

  private scoreRecord(posting: PostingRecord, context: ScoringContext, configHash: string, configVersion: number): ScoreRecord {
    const { features } = posting;
    const at = this.clock.now().toISOString();
    const lifecycle = posting.lifecycle ?? {};
    const result = withPenalties(scorePosting(featuresFromStored(features), context), penaltyReasons(lifecycle, at));
    const inputs = [features.jobId, features.contentHash, configHash, usedModelVersion(context) ?? 'none', penaltyInputs(lifecycle, at)];
    return {
      jobId: features.jobId,
      contentHash: features.contentHash,
      ...result,
      scoredAt: at,
      inputsKey: sha256(inputs.join('|')),
      resultDigest: resultDigest(result),
      configVersion,
      published: true,
      claimId: randomUUID(),
      claimedAt: this.clock.now().toISOString(),
    };
  }

  private scoredEvent(record: ScoreRecord, posting: PostingRecord): OutgoingEvent<'job.scored'> {
    const { jobId, contentHash, score, track, trackScore, modelProbability, modelVersion, filteredBy, reasons, scoredAt } = record;
    const data = { jobId, contentHash, score, track, trackScore, modelProbability, modelVersion, filteredBy, scoredAt };
    return { detailType: 'job.scored', data: { ...data, reasons: [...reasons], job: posting.summary } };
  }

  /**
   * Keeps a parsed posting and scores it, unless this content was already scored with the same inputs.
   * The score record and its `job.scored` commit together (the outbox), on the condition that the
   * record is still the one read (its `claimId`), so of redeliveries racing on one job one commits and
   * the others retry and find nothing left to do. A posting that closed before it was ever scored is
   * scored once all the same: it is then listed as closed (not recommended), with its score ready for
   * when it reopens; new content of a closed posting that has a score is not scored again.
   */
  async handleParsed(job: ParsedPosting, caused: Caused): Promise<'scored' | 'unchanged' | 'closed'> {
    const { posting } = await this.state.updatePosting(job.jobId, (current) => {
      const same =
        current?.features.contentHash === job.contentHash &&
        current.lifecycle?.firstSeenAt === job.firstSeenAt &&
        current.summary.canonicalJobId === job.canonicalJobId;
      if (same) return undefined;
      return {
        features: storedFeaturesOf(job),
        summary: summarizeJob(job),
        lifecycle: { ...current?.lifecycle, firstSeenAt: job.firstSeenAt },
      };
    });
    // Read after the posting is stored, all at once (on DynamoDB one request with the batch's other
    // handlers): the close kept for it (see withEarlyClosure), and the config, model and score record
    // (a config stored later rescores this posting, as the rescore then finds it).
    const [stored, read] = await Promise.all([this.withEarlyClosure(posting as PostingRecord), this.scoringReads(job.jobId)]);
    // A closed posting drops out of new recommendations (it is scored again if it reopens).
    if (stored.lifecycle?.closedAt !== undefined && read.previous) return 'closed';
    return this.scoreOne(stored, caused, read);
  }

  /**
   * The posting closed (`closedAt`) or reopened (null) as of `at`: a closed one is no longer scored; a
   * reopened one is scored again. A change older than the one kept changes nothing. A change of a job not
   * parsed yet is kept for its posting (`kept`), which takes it over when it is parsed; it is then tried
   * on the posting once more, in case the posting was stored meanwhile, before it could see what was kept.
   */
  async handleClosure(
    jobId: string,
    at: string,
    closedAt: string | null,
    caused: Caused,
  ): Promise<'closed' | 'reopened' | 'unchanged' | 'kept'> {
    const closure: ClosureRecord = { ...(closedAt ? { closedAt } : {}), closureChangedAt: at };
    let { posting, written } = await this.state.updatePosting(jobId, closureChange(closure));
    if (!posting) {
      await this.state.keepEarlyClosure(jobId, closure);
      ({ posting, written } = await this.state.updatePosting(jobId, closureChange(closure)));
      if (!posting) return 'kept';
    }
    if (!written) return 'unchanged';
    if (closedAt) return 'closed';
    await this.scoreOne(posting, caused);
    return 'reopened';
  }

  /**
   * A posting that has taken over no close or reopen yet takes over the one kept for its job, if any
   * (a `job.closed` that came before its `job.parsed`). Checked after the posting is stored, so a close
   * kept concurrently is seen either here or by its own handler's second try.
   */
  private async withEarlyClosure(posting: PostingRecord): Promise<PostingRecord> {
    if (posting.lifecycle?.closureChangedAt !== undefined) return posting;
    const early = await this.state.earlyClosure(posting.features.jobId);
    if (!early) return posting;
    return (await this.state.updatePosting(posting.features.jobId, closureChange(early))).posting ?? posting;
  }

  /** The posting's ghost-risk flags as decided at `flaggedAt`: an open posting is scored again with their penalties. */
  async handleFlagged(flagged: EventDataMap['job.flagged'], caused: Caused): Promise<'scored' | 'unchanged' | 'closed'> {
    const { posting } = await this.state.updatePosting(flagged.jobId, (current) => {
      const lifecycle = current?.lifecycle ?? {};
      if (!current || (lifecycle.flagsChangedAt !== undefined && lifecycle.flagsChangedAt >= flagged.flaggedAt)) return undefined;
      return { ...current, lifecycle: { ...lifecycle, ghostFlags: flagged.flags, flagsChangedAt: flagged.flaggedAt } };
    });
    // Stored but not written now: a redelivery, maybe after this change's score commit lost to another
    // writer's (a job.parsed scoring the posting as it was before the flags). Scoring again is a no-op
    // when the score already holds the flags, and brings their penalty in when it does not.
    if (!posting) return 'unchanged';
    if (posting.lifecycle?.closedAt !== undefined) return 'closed';
    return this.scoreOne(posting, caused);
  }

  /** The flags the user dismissed, as of `changedAt`: an open posting is scored again without their penalties. */
  async handleFlagDismissals(
    changed: EventDataMap['crm.flag-dismissals-changed'],
    caused: Caused,
  ): Promise<'scored' | 'unchanged' | 'closed'> {
    const { posting } = await this.state.updatePosting(changed.jobId, (current) => {
      const lifecycle = current?.lifecycle ?? {};
      if (!current || (lifecycle.dismissalsChangedAt !== undefined && lifecycle.dismissalsChangedAt >= changed.changedAt)) return undefined;
      return { ...current, lifecycle: { ...lifecycle, flagDismissals: changed.dismissals, dismissalsChangedAt: changed.changedAt } };
    });
    // As for flags: a redelivery scores the stored posting again (a no-op when its score is current).
    if (!posting) return 'unchanged';
    if (posting.lifecycle?.closedAt !== undefined) return 'closed';
    return this.scoreOne(posting, caused);
  }

  /**
   * Scores a posting as stored, unless its score record already holds these inputs. `read`: the config,
   * model and score record read with the posting (else read here, together).
   */
  private async scoreOne(posting: PostingRecord, caused: Caused, read?: ScoringReads): Promise<'scored' | 'unchanged'> {
    const jobId = posting.features.jobId;
    const { inputs, previous } = read ?? (await this.scoringReads(jobId));
    const { context, config, configHash } = inputs;
    const record = this.scoreRecord(posting, context, configHash, config.version);
    // A record left unpublished (written before the outbox: claim, publish, mark) is committed again.
    if (previous?.inputsKey === record.inputsKey && previous.published) return 'unchanged';
    if (!(await this.state.commitScore(record, previous, caused([this.scoredEvent(record, posting)])))) {
      throw new TransientError('SCORE_CONFLICT', `${jobId} was scored meanwhile; trying again`, 1);
    }
    return 'scored';
  }

  /** The config and model in force and a job's score record, read at once. */
  private async scoringReads(jobId: string): Promise<ScoringReads> {
    const [inputs, previous] = await Promise.all([this.context(), this.state.score(jobId)]);
    return { inputs, previous };
  }

  /** Records the label a CRM move gives its job; retrains at once when enough new decisions arrived. */
  async handleStageChanged(move: CrmStageChangedV1['data'], eventId: string, caused: Caused): Promise<void> {
    const change = labelChangeOf(move);
    if (change.kind === 'none') return;
    const label = change.kind === 'set' ? change.label : null;
    let previous: DecisionRecord | undefined;
    // Optimistic: deliveries racing on one job re-read until their write lands on what they compared with.
    for (;;) {
      previous = await this.state.decision(move.jobId);
      if (previous && (previous.eventId === eventId || previous.changedAt >= move.changedAt)) return;
      const record = { jobId: move.jobId, label, changedAt: move.changedAt, eventId };
      if (await this.state.replaceDecision(record, previous)) break;
    }
    if ((previous?.label ?? null) === label) return;
    const pending = await this.state.updatePending((current) => ({
      newDecisions: current.newDecisions + 1,
      lastDecisionAt: this.clock.now().toISOString(),
    }));
    if (pending.newDecisions >= this.settings.retrainAfter) await this.retrain(caused);
  }

  /** Takes a newer config; rescores when a part that scores depend on changed. */
  async handleConfigChanged(version: number, config: JobpipeConfig, caused: Caused): Promise<RescoreReport | undefined> {
    const current = await this.state.config();
    if (current && current.version >= version) return undefined;
    const before = current ? scoringConfigHash(current.config) : undefined;
    await this.state.putConfig({ version, config });
    if (before === scoringConfigHash(config)) return undefined;
    return this.rescore(caused);
  }

  /** Retrains when decisions are waiting and either enough arrived or none arrived for the quiet period. */
  async retrainIfDue(caused: Caused): Promise<boolean> {
    const pending = await this.state.pending();
    if (pending.newDecisions === 0 || pending.lastDecisionAt === null) return false;
    const quietFor = this.clock.now().getTime() - Date.parse(pending.lastDecisionAt);
    if (pending.newDecisions < this.settings.retrainAfter && quietFor < this.settings.retrainQuietSeconds * 1000) return false;
    await this.retrain(caused);
    return true;
  }

  /** Trains on every labelled decision whose posting is known; rescores when the model changed. */
  retrain(caused: Caused): Promise<RescoreReport | undefined> {
    return this.runExclusive(async () => {
      const taken = await this.state.pending();
      const examples = await this.state.trainingExamples();
      // Decisions counted before this training are used by it; ones arriving meanwhile stay pending.
      await this.state.updatePending((current) => ({
        newDecisions: Math.max(0, current.newDecisions - taken.newDecisions),
        lastDecisionAt: current.lastDecisionAt,
      }));
      const trained = trainModel(examples);
      if ('reason' in trained) {
        this.logger.info({ examples: examples.length, reason: trained.reason }, 'model not trained');
        return undefined;
      }
      const current = await this.state.modelRecord();
      if (current?.version === trained.model.version) return undefined;
      const record = await this.state.putModel(trained.model, this.clock.now().toISOString());
      this.logger.info({ version: record.version, examples: record.examples, positives: record.positives }, 'model retrained');
      return this.rescoreUnlocked(caused);
    });
  }

  /** Rescores every posting whose inputs changed, in bounded batches. */
  rescore(caused: Caused): Promise<RescoreReport> {
    return this.runExclusive(() => this.rescoreUnlocked(caused));
  }

  private async rescoreUnlocked(caused: Caused): Promise<RescoreReport> {
    const { context, config, configHash } = await this.context();
    let cursor: string | undefined;
    let examined = 0;
    let rescored = 0;
    let published = 0;
    let batches = 0;
    do {
      const page = await this.state.postingsPage(this.settings.rescoreBatchSize, cursor);
      cursor = page.cursor;
      const records: RescoredScore[] = [];
      for (const posting of page.items) {
        examined++;
        if (posting.lifecycle?.closedAt !== undefined) continue;
        const record = this.scoreRecord(posting, context, configHash, config.version);
        const previous = await this.state.score(posting.features.jobId);
        if (previous?.inputsKey === record.inputsKey && previous.published) continue;
        const changed = !previous || previous.contentHash !== record.contentHash || previous.resultDigest !== record.resultDigest;
        records.push(
          changed
            ? { record, replacing: previous, event: caused([this.scoredEvent(record, posting)])[0]! }
            : { record, replacing: previous },
        );
      }
      await this.state.commitRescored(records);
      const events = records.filter((rescoredRecord) => rescoredRecord.event);
      rescored += records.length;
      published += events.length;
      if (records.length > 0) batches++;
      // Let queued handlers run between batches.
      await new Promise((resolve) => setImmediate(resolve));
    } while (cursor);
    if (rescored > 0) this.logger.info({ examined, rescored, published, batches }, 'rescored');
    return { examined, rescored, published, batches };
  }

  /**
   * Forgets postings (their stems and scores) or, for `all`, also the labelled decisions and the model
   * in use (the config stays); waits for a running retrain or rescore, so none writes behind it.
   */
  wipe(scope: WipeScope): Promise<RemovedCounts> {
    return this.runExclusive(() => this.state.wipe(scope));
  }

  private runExclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.exclusive.then(work, work);
    this.exclusive = run.catch(() => undefined);
    return run;
  }
}
