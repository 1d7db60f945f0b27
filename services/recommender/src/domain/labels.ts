/**
 * Which CRM moves teach the model what the user wants. The rule, precisely:
 *
 * - **wanted (1)**: a move to shortlisted, applied, interviewing or offer; or closed as hired.
 * - **turned down (0)**: closed as not-interested (from any stage: the user changed their mind); or closed
 *   as rejected straight from new or screened — the user screened it out (rejected after shortlisting
 *   means the employer said no, which says nothing against the user's taste).
 * - **label removed**: a move back to new (the user undid the decision).
 * - **no change**: screened (looked at, not decided), closed as withdrawn or expired, closed as rejected
 *   after shortlisting: the job keeps whatever label it had.
 *
 * The latest decision per job wins (by `changedAt`; an older event arriving late changes nothing).
 */
import type { CrmStageChangedV1 } from '@jobpipe/contracts';

/** What a CRM move means for a job's label. */
export type LabelChange = { readonly kind: 'set'; readonly label: 0 | 1 } | { readonly kind: 'clear' } | { readonly kind: 'none' };

const WANTED_STAGES = new Set(['shortlisted', 'applied', 'interviewing', 'offer']);
const BEFORE_INTEREST = new Set([null, 'new', 'screened']);

/** The label change a CRM move makes. */
export function labelChangeOf(move: CrmStageChangedV1['data']): LabelChange {
  if (WANTED_STAGES.has(move.to)) return { kind: 'set', label: 1 };
  if (move.to === 'new') return { kind: 'clear' };
  if (move.to !== 'closed') return { kind: 'none' };
  switch (move.closedReason) {
    case 'hired':
      return { kind: 'set', label: 1 };
    case 'not-interested':
      return { kind: 'set', label: 0 };
    case 'rejected':
      return BEFORE_INTEREST.has(move.from) ? { kind: 'set', label: 0 } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}
