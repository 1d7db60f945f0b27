import type { EventDataMap } from '@jobpipe/contracts';

/** A CRM stage, in pipeline order. */
export type Stage = EventDataMap['crm.stage-changed']['to'];
/** Why a job was closed. */
export type ClosedReason = NonNullable<EventDataMap['crm.stage-changed']['closedReason']>;

/** Every stage, in the order a job moves through them. */
export const STAGES: readonly Stage[] = ['new', 'screened', 'shortlisted', 'applied', 'interviewing', 'offer', 'closed'];

/** Every reason a job can be closed with. */
export const CLOSED_REASONS: readonly ClosedReason[] = ['rejected', 'withdrawn', 'expired', 'hired', 'not-interested'];

/** Stages a job still being pursued can be in (everything but closed). */
export const OPEN_STAGES: readonly Stage[] = STAGES.filter((stage) => stage !== 'closed');

/**
 * The stages a job may move to next: the following stage of the pipeline, or closed from any open
 * stage. Closed is final.
 */
export function allowedNextStages(from: Stage): Stage[] {
  if (from === 'closed') return [];
  const next = STAGES[STAGES.indexOf(from) + 1];
  return next === undefined || next === 'closed' ? ['closed'] : [next, 'closed'];
}

/** Outcome of checking a requested stage change. */
export type TransitionCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly kind: 'illegal'; readonly message: string; readonly allowed: Stage[] }
  | { readonly ok: false; readonly kind: 'invalid'; readonly message: string };

/** Checks a stage change: the move must be allowed, and a reason is given exactly when closing. */
export function checkTransition(from: Stage, to: Stage, closedReason: ClosedReason | null | undefined): TransitionCheck {
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
