import { createHash } from 'node:crypto';
import { isClosedReason, isCrmStage, sourceOfJobId } from '@jobpipe/contracts';
import type { StageChangeRow } from '@jobpipe/shared';
import type { StageFact } from './analytics-rows.js';
import { epochDays, isoInstant } from './timestamps.js';

/** A CRM change as a `crm.stage-changed` event carries it (the crmHistory table holds the same fields). */
export interface CrmChange {
  readonly jobId: string;
  readonly from: string | null;
  readonly to: string;
  readonly closedReason: string | null;
  readonly changedAt: string;
  readonly changedBy: string;
  readonly note?: string;
}

/** The history row of a CRM change; the key is derived from its content so replays collapse. */
export function stageChangeOf(change: CrmChange): StageChangeRow {
  const changedAt = isoInstant(change.changedAt) ?? change.changedAt;
  const note = change.note ?? null;
  const noteTag = note === null ? '' : createHash('sha256').update(note).digest('hex').slice(0, 12);
  return {
    change_key: `${change.jobId}|${changedAt}|${change.from ?? ''}|${change.to}|${noteTag}`,
    job_id: change.jobId,
    from_stage: change.from,
    to_stage: change.to,
    closed_reason: change.closedReason,
    changed_by: change.changedBy,
    changed_at: changedAt,
    changed_at_days: epochDays(changedAt),
    note,
  };
}

/** The current-stage fact a CRM change leads to. */
export function stageFactOfChange(change: CrmChange): StageFact {
  return {
    job_id: change.jobId,
    source: sourceOfJobId(change.jobId) ?? 'unknown',
    stage: change.to,
    closed_reason: change.closedReason,
    stage_changed_at: isoInstant(change.changedAt) ?? change.changedAt,
  };
}

/**
 * A crmHistory item read as a change, or undefined when it is not one. Accepts the event's field names
 * (`to`, `changedAt`, `changedBy`) and the table's `at`/`by` (and the plainer `stage`) spellings.
 */
export function crmChangeOfHistoryItem(item: Record<string, unknown>): CrmChange | undefined {
  const to = item.to ?? item.stage;
  const changedAt = isoInstant(item.changedAt ?? item.at);
  if (typeof item.jobId !== 'string' || !isCrmStage(to) || changedAt === null) return undefined;
  const from = isCrmStage(item.from) ? item.from : null;
  const by = item.changedBy ?? item.by;
  return {
    jobId: item.jobId,
    from,
    to,
    closedReason: isClosedReason(item.closedReason) ? item.closedReason : null,
    changedAt,
    changedBy: typeof by === 'string' ? by : 'user',
    ...(typeof item.note === 'string' ? { note: item.note } : {}),
  };
}

/** The current-stage fact of a crm table item (`{ jobId, stage, closedReason, updatedAt }`), if it is one. */
export function stageFactOfCrmItem(item: Record<string, unknown>): StageFact | undefined {
  const stage = item.stage ?? item.to;
  const at = isoInstant(item.updatedAt ?? item.changedAt);
  if (typeof item.jobId !== 'string' || !isCrmStage(stage) || at === null) return undefined;
  return {
    job_id: item.jobId,
    source: sourceOfJobId(item.jobId) ?? 'unknown',
    stage,
    closed_reason: isClosedReason(item.closedReason) ? item.closedReason : null,
    stage_changed_at: at,
  };
}
