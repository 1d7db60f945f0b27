/**
 * Dismissing a ghost-risk flag: the user has looked at the reason and does not want it held against the
 * job. The dismissal is the user's, so it lives in crm-api's `crm` record of the job, committed with its
 * `crm.flag-dismissals-changed` (the recommender drops the flag's penalty); the read model shows the flag
 * as dismissed. A flag that ceases and fires again (a new `since`) is a new flag, shown again.
 */
import type { FlagDismissal, GhostFlag, GhostFlagKind } from '@jobpipe/contracts';
import type { CrmApiContext } from '../context.js';
import { dismissalsAfter, type ShownGhostFlag, withDismissals } from '../domain/flag-dismissals.js';
import { ApiError, jobNotFound } from './api-error.js';
import { type CrmRecord, crmRecordOf } from './crm.js';

/** What a dismissal (or its undoing) left. */
export interface FlagDismissalResult {
  readonly jobId: string;
  readonly kind: GhostFlagKind;
  readonly since: string;
  /** Whether the flag is dismissed now. */
  readonly dismissed: boolean;
  /** False when the request repeated the current state (nothing was written or announced). */
  readonly changed: boolean;
  /** Every flag of the job as shown now. */
  readonly ghostFlags: ShownGhostFlag[];
}

/** The flags that fire for a job now: as listed, else (not scored yet) as the parser keeps them; 404 for an unknown job. */
async function currentFlags(context: CrmApiContext, jobId: string): Promise<GhostFlag[]> {
  const listed = await context.readModel.get(jobId);
  if (listed) return (listed.ghostFlags ?? []).map(({ kind, detail, since }) => ({ kind, detail, since }));
  const stored = await context.tables.get('jobs', { jobId });
  if (!stored) throw jobNotFound(jobId);
  return stored.ghostFlags ?? [];
}

/** The CRM record with new dismissals (a job never moved gets its record, at stage new, now). */
function recordWith(jobId: string, record: CrmRecord | undefined, flagDismissals: FlagDismissal[], at: string): CrmRecord {
  const base = record ?? { jobId, stage: 'new', closedReason: null, updatedAt: at, version: 0, responses: 0, lastResponseAt: null };
  return { ...base, flagDismissals, version: base.version + 1 };
}

/**
 * Dismisses (`dismissed` true) or restores the flag `kind` of a job. 404 when the job is unknown, or
 * when the flag is neither firing (to dismiss) nor dismissed (to restore); a repeat changes nothing.
 */
export async function setFlagDismissed(
  context: CrmApiContext,
  jobId: string,
  kind: GhostFlagKind,
  dismissed: boolean,
): Promise<FlagDismissalResult> {
  const flags = await currentFlags(context, jobId);
  const record = await crmRecordOf(context, jobId);
  const dismissals = record?.flagDismissals ?? [];
  const flag = flags.find((candidate) => candidate.kind === kind) ?? (dismissed ? undefined : dismissals.find((d) => d.kind === kind));
  if (!flag) {
    const firing = flags.map((candidate) => candidate.kind).join(', ') || 'none';
    throw new ApiError(
      404,
      'flag_not_found',
      `job '${jobId}' has no '${kind}' flag ${dismissed ? 'firing' : 'dismissed'} (flags firing: ${firing})`,
    );
  }
  const at = context.clock.now().toISOString();
  const next = dismissalsAfter(dismissals, flag, dismissed, at);
  const shown = (kept: readonly FlagDismissal[], changed: boolean): FlagDismissalResult => ({
    jobId,
    kind,
    since: flag.since,
    dismissed,
    changed,
    ghostFlags: withDismissals(flags, kept),
  });
  if (!next) return shown(dismissals, false);
  const written = recordWith(jobId, record, next, at);
  const { committed } = await context.outbox.commit({
    writes: [
      {
        table: 'crm',
        item: { ...written },
        condition: record
          ? { kind: 'compare', attribute: 'version', op: 'eq', value: record.version, orNotExists: false }
          : { kind: 'notExists' },
      },
    ],
    events: [
      {
        detailType: 'crm.flag-dismissals-changed',
        data: { jobId, changedAt: at, change: { kind, since: flag.since, dismissed }, dismissals: next },
      },
    ],
  });
  if (!committed) throw new ApiError(409, 'concurrent_change', `job '${jobId}' was changed at the same time; read it again and retry`);
  await context.readModel.setFlagDismissals(jobId, written.version, next);
  return shown(next, true);
}
