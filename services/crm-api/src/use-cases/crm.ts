import type { ClosedReason, CrmStage, EventDataMap, FlagDismissal } from '@jobpipe/contracts';
import { type Change, collect, type OutgoingEvent, type TableWrite } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import { allowedNextStages, checkTransition } from '../domain/stage-transitions.js';
import { ApiError, jobNotFound } from './api-error.js';

type StageChanged = EventDataMap['crm.stage-changed'];
/** Who made a change. */
export type ChangedBy = StageChanged['changedBy'];
/** An employer's reply recorded on a job. */
export type EmployerResponse = NonNullable<StageChanged['response']>;

/** The CRM state of one job (`crm` table). */
export interface CrmRecord {
  readonly jobId: string;
  readonly stage: CrmStage;
  readonly closedReason: ClosedReason | null;
  readonly updatedAt: string;
  readonly version: number;
  readonly responses: number;
  readonly lastResponseAt: string | null;
  /** The ghost-risk flags of the job the user dismissed (see flag-dismissals.ts); every change of the record keeps them. */
  readonly flagDismissals?: FlagDismissal[];
}

/** One entry of a job's CRM history (`crmHistory` table). */
export interface HistoryEntry {
  readonly jobId: string;
  readonly changeId: string;
  readonly kind: 'stage' | 'note' | 'response';
  readonly from: CrmStage | null;
  readonly to: CrmStage;
  readonly closedReason: ClosedReason | null;
  readonly note: string | null;
  readonly response: EmployerResponse | null;
  readonly at: string;
  readonly by: ChangedBy;
}

/** A requested stage change. */
export interface StageChangeRequest {
  readonly jobId: string;
  readonly to: CrmStage;
  readonly closedReason?: ClosedReason | null;
  readonly note?: string;
  readonly by?: ChangedBy;
}

/** What a stage change did. */
export interface StageChangeResult {
  readonly jobId: string;
  readonly from: CrmStage;
  readonly to: CrmStage;
  readonly closedReason: ClosedReason | null;
  readonly changedAt: string;
  readonly allowedNext: CrmStage[];
}

/** The CRM record of a job, or the record of a job never moved yet (stage new). */
export async function crmRecordOf(context: CrmApiContext, jobId: string): Promise<CrmRecord | undefined> {
  return context.tables.get('crm', { jobId });
}

async function assertJobExists(context: CrmApiContext, jobId: string): Promise<void> {
  if (await context.readModel.get(jobId)) return;
  if (await context.tables.get('jobs', { jobId })) return;
  throw jobNotFound(jobId);
}

/** A job's history in time order (oldest first). */
export async function historyOf(context: CrmApiContext, jobId: string): Promise<HistoryEntry[]> {
  return collect(context.tables.queryAll('crmHistory', { partitionValue: jobId, limit: 500 }));
}

// Orders entries written in the same millisecond (the sort key starts with the time).
let sequence = 0;

function historyEntry(context: CrmApiContext, fields: Omit<HistoryEntry, 'changeId'>): HistoryEntry {
  sequence = (sequence + 1) % 1e9;
  return { ...fields, changeId: `${fields.at}#${String(sequence).padStart(9, '0')}#${context.ids.uuid()}` };
}

function eventOf(entry: HistoryEntry): OutgoingEvent<'crm.stage-changed'> {
  return {
    detailType: 'crm.stage-changed',
    data: {
      jobId: entry.jobId,
      from: entry.from,
      to: entry.to,
      closedReason: entry.closedReason,
      changedAt: entry.at,
      changedBy: entry.by,
      ...(entry.note !== null ? { note: entry.note } : {}),
      ...(entry.response !== null ? { response: entry.response } : {}),
    },
  };
}

/** The write of a CRM record, only if nobody changed it since it was read (optimistic concurrency). */
function recordWrite(previous: CrmRecord | undefined, next: CrmRecord): TableWrite<'crm'> {
  return {
    table: 'crm',
    item: { ...next },
    condition: previous
      ? { kind: 'compare', attribute: 'version', op: 'eq', value: previous.version, orNotExists: false }
      : { kind: 'notExists' },
  };
}

/**
 * Commits CRM writes with the events announcing them (one transaction, through the outbox); 409 when
 * the record changed since it was read.
 */
async function commitCrmChange(context: CrmApiContext, jobId: string, change: Change<'crm' | 'crmHistory'>): Promise<void> {
  const { committed } = await context.outbox.commit(change);
  if (!committed) throw new ApiError(409, 'concurrent_change', `job '${jobId}' was changed at the same time; read it again and retry`);
}

/** A checked stage change: what it did, the writes it needs and the event announcing it. */
export interface PlannedStageChange {
  readonly result: StageChangeResult;
  readonly writes: TableWrite<'crm' | 'crmHistory'>[];
  readonly event: OutgoingEvent<'crm.stage-changed'>;
}

/**
 * Checks a stage change and plans its writes and event, writing nothing. `undoing` names the stage the
 * job must still be in when the change takes back an earlier one: it then replaces the forward-only rule.
 */
async function planStageChange(context: CrmApiContext, request: StageChangeRequest, undoing?: CrmStage): Promise<PlannedStageChange> {
  await assertJobExists(context, request.jobId);
  const record = await crmRecordOf(context, request.jobId);
  const from = record?.stage ?? 'new';
  if (undoing !== undefined) {
    if (from !== undoing)
      throw new ApiError(409, 'stage_changed_since', `job '${request.jobId}' is in '${from}' now, not '${undoing}': undo it by hand`, {
        from,
        expected: undoing,
      });
  } else {
    const check = checkTransition(from, request.to, request.closedReason);
    if (!check.ok) {
      if (check.kind === 'invalid') throw new ApiError(400, 'invalid_stage_change', check.message);
      throw new ApiError(409, 'illegal_transition', check.message, { from, to: request.to, allowed: check.allowed });
    }
  }
  const at = context.clock.now().toISOString();
  const closedReason = request.closedReason ?? null;
  const entry = historyEntry(context, {
    jobId: request.jobId,
    kind: 'stage',
    from,
    to: request.to,
    closedReason,
    note: request.note ?? null,
    response: null,
    at,
    by: request.by ?? 'user',
  });
  const next: CrmRecord = {
    ...record,
    jobId: request.jobId,
    stage: request.to,
    closedReason,
    updatedAt: at,
    version: (record?.version ?? 0) + 1,
    responses: record?.responses ?? 0,
    lastResponseAt: record?.lastResponseAt ?? null,
  };
  return {
    result: { jobId: request.jobId, from, to: request.to, closedReason, changedAt: at, allowedNext: allowedNextStages(request.to) },
    writes: [recordWrite(record, next), { table: 'crmHistory', item: { ...entry } }],
    event: eventOf(entry),
  };
}

/**
 * Moves a job to another stage: checks the transition, commits the CRM record, the history entry and
 * the `crm.stage-changed` event together (`announce` sets the event's cause when a handler moves it),
 * then updates the read model and tells the live stream.
 */
export async function changeStage(
  context: CrmApiContext,
  request: StageChangeRequest,
  announce: (events: OutgoingEvent[]) => readonly OutgoingEvent[] = (events) => events,
): Promise<StageChangeResult> {
  const planned = await planStageChange(context, request);
  await commitCrmChange(context, request.jobId, { writes: planned.writes, events: announce([planned.event]) });
  await context.readModel.setStage(request.jobId, request.to);
  const { jobId, from, to, closedReason, changedAt } = planned.result;
  context.live.publish({ event: 'crm.stage-changed', data: { jobId, from, to, closedReason, changedAt } });
  return planned.result;
}

/**
 * Takes back a stage change: moves the job from `from` (where the change left it; 409 when it has moved
 * since) back to `to`, outside the forward-only rule, with its history entry and `crm.stage-changed`.
 */
export async function revertStage(
  context: CrmApiContext,
  request: { readonly jobId: string; readonly from: CrmStage; readonly to: CrmStage; readonly note: string },
  announce: (events: OutgoingEvent[]) => readonly OutgoingEvent[] = (events) => events,
): Promise<StageChangeResult> {
  const planned = await planStageChange(
    context,
    { jobId: request.jobId, to: request.to, closedReason: null, note: request.note, by: 'user' },
    request.from,
  );
  await commitCrmChange(context, request.jobId, { writes: planned.writes, events: announce([planned.event]) });
  await context.readModel.setStage(request.jobId, request.to);
  return planned.result;
}

/** Outcome of one job of a bulk change. */
export type BulkChangeOutcome =
  | ({ readonly ok: true } & StageChangeResult)
  | { readonly ok: false; readonly jobId: string; readonly error: string; readonly message: string; readonly details: unknown };

/** Moves many jobs, each checked and committed on its own with its event. */
export async function changeStages(context: CrmApiContext, requests: readonly StageChangeRequest[]): Promise<BulkChangeOutcome[]> {
  const outcomes: BulkChangeOutcome[] = [];
  for (const request of requests) {
    try {
      outcomes.push({ ok: true, ...(await changeStage(context, request)) });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      outcomes.push({ ok: false, jobId: request.jobId, error: error.code, message: error.message, details: error.details });
    }
  }
  return outcomes;
}

/** Adds a note to a job's history and emits it as a `crm.stage-changed` that keeps the stage. */
export async function addNote(
  context: CrmApiContext,
  jobId: string,
  note: string,
  announce: (events: OutgoingEvent[]) => readonly OutgoingEvent[] = (events) => events,
): Promise<HistoryEntry> {
  await assertJobExists(context, jobId);
  const stage = (await crmRecordOf(context, jobId))?.stage ?? 'new';
  const entry = historyEntry(context, {
    jobId,
    kind: 'note',
    from: stage,
    to: stage,
    closedReason: null,
    note,
    response: null,
    at: context.clock.now().toISOString(),
    by: 'user',
  });
  await commitCrmChange(context, jobId, { writes: [{ table: 'crmHistory', item: { ...entry } }], events: announce([eventOf(entry)]) });
  return entry;
}

/** Records an employer's reply (recruiter replied, interview date...) and emits it. */
export async function addResponse(
  context: CrmApiContext,
  jobId: string,
  response: EmployerResponse,
  note: string | undefined,
): Promise<HistoryEntry> {
  await assertJobExists(context, jobId);
  const record = await crmRecordOf(context, jobId);
  const stage = record?.stage ?? 'new';
  const at = context.clock.now().toISOString();
  const next: CrmRecord = {
    ...record,
    jobId,
    stage,
    closedReason: record?.closedReason ?? null,
    updatedAt: at,
    version: (record?.version ?? 0) + 1,
    responses: (record?.responses ?? 0) + 1,
    lastResponseAt: response.respondedAt,
  };
  const entry = historyEntry(context, {
    jobId,
    kind: 'response',
    from: stage,
    to: stage,
    closedReason: record?.closedReason ?? null,
    note: note ?? null,
    response,
    at,
    by: 'user',
  });
  await commitCrmChange(context, jobId, {
    writes: [recordWrite(record, next), { table: 'crmHistory', item: { ...entry } }],
    events: [eventOf(entry)],
  });
  return entry;
}
