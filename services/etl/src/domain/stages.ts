/** CRM stages in funnel order. */
export const STAGES = ['new', 'screened', 'shortlisted', 'applied', 'interviewing', 'offer', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

/** Reasons a job can be closed with. */
export const CLOSED_REASONS = ['rejected', 'withdrawn', 'expired', 'hired', 'not-interested'] as const;
export type ClosedReason = (typeof CLOSED_REASONS)[number];

/** Whether a value names a CRM stage. */
export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

/** Whether a value names a closing reason. */
export function isClosedReason(value: unknown): value is ClosedReason {
  return typeof value === 'string' && (CLOSED_REASONS as readonly string[]).includes(value);
}

/** The source part of a job id (`mcf:123` → `mcf`). */
export function sourceOfJobId(jobId: string): string {
  const colon = jobId.indexOf(':');
  return colon > 0 ? jobId.slice(0, colon) : 'unknown';
}
