import type { CrmApiContext } from '../context.js';
import { decided, decisionRefusal, type Proposal, type ProposalStatus, type ProposedBy, type ProposedChange } from '../domain/proposals.js';
import { ApiError, jobNotFound } from './api-error.js';
import { requestApplication } from './applications.js';
import { addNote, changeStage } from './crm.js';

/** A proposal as asked for: what to change on which job, by whom, and why. */
export interface ProposalRequest {
  readonly jobId: string;
  readonly change: ProposedChange;
  readonly proposedBy: ProposedBy;
  readonly rationale?: string | null;
}

/** What accepting a proposal did: the proposal, and the result of the change it made. */
export interface AcceptedProposal {
  readonly proposal: Proposal;
  readonly result: unknown;
}

async function assertJobExists(context: CrmApiContext, jobId: string): Promise<void> {
  if (await context.readModel.get(jobId)) return;
  if (await context.tables.get('jobs', { jobId })) return;
  throw jobNotFound(jobId);
}

/** Stores a pending proposal; nothing in the CRM changes until the user accepts it. */
export async function propose(context: CrmApiContext, request: ProposalRequest): Promise<Proposal> {
  await assertJobExists(context, request.jobId);
  const proposal: Proposal = {
    proposalId: context.ids.uuid(),
    jobId: request.jobId,
    change: request.change,
    proposedBy: request.proposedBy,
    rationale: request.rationale ?? null,
    status: 'pending',
    createdAt: context.clock.now().toISOString(),
    decidedAt: null,
  };
  await context.tables.put('proposals', { ...proposal }, { kind: 'notExists' });
  return proposal;
}

/** One proposal, or a 404 naming it. */
export async function getProposal(context: CrmApiContext, proposalId: string): Promise<Proposal> {
  const proposal = await context.tables.get('proposals', { proposalId });
  if (!proposal) throw new ApiError(404, 'proposal_not_found', `no proposal with id '${proposalId}'`);
  return proposal;
}

/** Proposals in one status, newest first. */
export async function listProposals(context: CrmApiContext, status: ProposalStatus, limit: number): Promise<Proposal[]> {
  const page = await context.tables.query('proposals', {
    index: 'byStatus',
    partitionValue: status,
    descending: true,
    limit,
  });
  return page.items;
}

/** Records the decision only if the proposal is still pending (two decisions at once: one wins). */
async function recordDecision(context: CrmApiContext, proposal: Proposal, status: 'accepted' | 'rejected'): Promise<Proposal> {
  const next = decided(proposal, status, context.clock.now().toISOString());
  const written = await context.tables.put(
    'proposals',
    { ...next },
    {
      kind: 'compare',
      attribute: 'status',
      op: 'eq',
      value: 'pending',
      orNotExists: false,
    },
  );
  if (!written) throw new ApiError(409, 'proposal_decided', `proposal '${proposal.proposalId}' was decided at the same time`);
  return next;
}

function assertPending(proposal: Proposal): void {
  const refusal = decisionRefusal(proposal);
  if (refusal) throw new ApiError(409, 'proposal_decided', refusal, { status: proposal.status });
}

/** Makes the proposed change, as the user (the normal events follow), then marks the proposal accepted. */
async function carryOut(context: CrmApiContext, proposal: Proposal): Promise<unknown> {
  const { change, jobId } = proposal;
  const because = `accepted proposal ${proposal.proposalId} (${proposal.proposedBy})`;
  switch (change.kind) {
    case 'stage-change':
      return changeStage(context, {
        jobId,
        to: change.to,
        closedReason: change.closedReason,
        note: change.note ? `${change.note} — ${because}` : because,
        by: 'user',
      });
    case 'note':
      return addNote(context, jobId, change.note);
    case 'application':
      return requestApplication(context, jobId, change.dryRun);
  }
}

/**
 * Accepts a pending proposal: the change is made first (a refused change, e.g. an illegal stage move,
 * leaves the proposal pending and answers why), then the proposal is marked accepted.
 */
export async function acceptProposal(context: CrmApiContext, proposalId: string): Promise<AcceptedProposal> {
  const proposal = await getProposal(context, proposalId);
  assertPending(proposal);
  const result = await carryOut(context, proposal);
  return { proposal: await recordDecision(context, proposal, 'accepted'), result };
}

/** Rejects a pending proposal; nothing changes. */
export async function rejectProposal(context: CrmApiContext, proposalId: string): Promise<Proposal> {
  const proposal = await getProposal(context, proposalId);
  assertPending(proposal);
  return recordDecision(context, proposal, 'rejected');
}
