import { CLOSED_REASONS, type ClosedReason, CRM_STAGES, type CrmStage } from '@jobpipe/contracts';

/**
 * The stages a job may move to next: the following stage of the pipeline, or closed from any open
 * stage. Closed is final.
 */
export function allowedNextStages(from: CrmStage): CrmStage[] {
  if (from === 'closed') return [];
  const next = CRM_STAGES[CRM_STAGES.indexOf(from) + 1];
  return next === undefined || next === 'closed' ? ['closed'] : [next, 'closed'];
}

/** Outcome of checking a requested stage change. */
export type TransitionCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly kind: 'illegal'; readonly message: string; readonly allowed: CrmStage[] }
  | { readonly ok: false; readonly kind: 'invalid'; readonly message: string };

/** Checks a stage change: the move must be allowed, and a reason is given exactly when closing. */
export function checkTransition(from: CrmStage, to: CrmStage, closedReason: ClosedReason | null | undefined): TransitionCheck {
  if (to === 'closed' && !closedReason) {
    return { ok: false, kind: 'invalid', message: `closing a job needs a closedReason (one of ${CLOSED_REASONS.join(', ')})` };
  }
  if (to !== 'closed' && closedReason) {
    return { ok: false, kind: 'invalid', message: `closedReason is only allowed when moving to 'closed', not '${to}'` };
  }
  const allowed = allowedNextStages(from);
  if (!allowed.includes(to)) {
    const options = allowed.length > 0 ? `allowed next: ${allowed.join(', ')}` : `'${from}' is final`;
    return { ok: false, kind: 'illegal', message: `cannot move a job from '${from}' to '${to}' (${options})`, allowed };
  }
  return { ok: true };
}
