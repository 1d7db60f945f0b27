import type { ClosedReason, CrmStage } from '@jobpipe/contracts';

/** Who proposed a change: the user's AI assistant (through MCP) or the inbox watcher. */
export type ProposedBy = 'assistant' | 'inbox';

/** What a proposal would do once the user accepts it. */
export type ProposedChange =
  | { readonly kind: 'stage-change'; readonly to: CrmStage; readonly closedReason: ClosedReason | null; readonly note: string | null }
  | { readonly kind: 'application'; readonly dryRun: boolean }
  | { readonly kind: 'note'; readonly note: string };

/** Where a proposal stands: it changes nothing until the user accepts it. */
export type ProposalStatus = 'pending' | 'accepted' | 'rejected';

/** A change to the user's CRM that waits for the user's yes (`proposals` table). */
export interface Proposal {
  readonly proposalId: string;
  readonly jobId: string;
  readonly change: ProposedChange;
  readonly proposedBy: ProposedBy;
  /** Why the proposer suggests it, in its own words (shown to the user). */
  readonly rationale: string | null;
  readonly status: ProposalStatus;
  readonly createdAt: string;
  readonly decidedAt: string | null;
}

/** Why a decision on a proposal cannot be taken, or undefined when it can. */
export function decisionRefusal(proposal: Proposal): string | undefined {
  return proposal.status === 'pending' ? undefined : `proposal '${proposal.proposalId}' was already ${proposal.status}`;
}

/** The proposal after the user's decision. */
export function decided(proposal: Proposal, status: Exclude<ProposalStatus, 'pending'>, at: string): Proposal {
  return { ...proposal, status, decidedAt: at };
}
