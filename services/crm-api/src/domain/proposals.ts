import type { ProposalItem } from '@jobpipe/contracts';

/**
 * A change to the user's CRM that waits for the user's yes: the `proposals` table item
 * (`contracts/schemas/tables/proposals/schema.json`).
 */
export type Proposal = ProposalItem;
/** What a proposal would do once the user accepts it. */
export type ProposedChange = Proposal['change'];
/** Who proposed a change: the user's AI assistant (through MCP) or the inbox watcher. */
export type ProposedBy = Proposal['proposedBy'];
/** Where a proposal stands: it changes nothing until the user accepts it. */
export type ProposalStatus = Proposal['status'];

/** Why a decision on a proposal cannot be taken, or undefined when it can. */
export function decisionRefusal(proposal: Proposal): string | undefined {
  return proposal.status === 'pending' ? undefined : `proposal '${proposal.proposalId}' was already ${proposal.status}`;
}

/** The proposal after the user's decision. */
export function decided(proposal: Proposal, status: Exclude<ProposalStatus, 'pending'>, at: string): Proposal {
  return { ...proposal, status, decidedAt: at };
}
