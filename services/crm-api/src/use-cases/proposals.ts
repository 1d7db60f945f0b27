import type { OutgoingEvent } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import { decided, decisionRefusal, type Proposal, type ProposalStatus, type ProposedBy, type ProposedChange } from '../domain/proposals.js';
import { ApiError, jobNotFound } from './api-error.js';
import { requestApplication } from './applications.js';
import { addNote, changeStage, revertStage, type StageChangeResult } from './crm.js';

/** A proposal as asked for: what to change on which job, by whom, and why. */
export interface ProposalRequest {
  readonly jobId: string;
  readonly change: ProposedChange;
  readonly proposedBy: ProposedBy;
  readonly rationale?: string | null;
  /** A proposal id derived from what caused it, so a redelivered cause proposes once (default: a new uuid). */
  readonly proposalId?: string;
  /** The event the proposal came from: the accepted change names it as its cause. */
  readonly cause?: ProposalCause;
}

/** The email.classified event an inbox proposal came from. */
export type ProposalCause = NonNullable<Proposal['cause']>;

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

/**
 * Stores a pending proposal; nothing in the CRM changes until the user accepts it. With a given
 * `proposalId` it is stored once: a second request answers the stored proposal.
 */
export async function propose(context: CrmApiContext, request: ProposalRequest): Promise<Proposal> {
  await assertJobExists(context, request.jobId);
  const proposal: Proposal = {
    proposalId: request.proposalId ?? context.ids.uuid(),
    jobId: request.jobId,
    change: request.change,
    proposedBy: request.proposedBy,
    rationale: request.rationale ?? null,
    status: 'pending',
    createdAt: context.clock.now().toISOString(),
    decidedAt: null,
    ...(request.cause ? { cause: request.cause } : {}),
  };
  if (await context.tables.put('proposals', { ...proposal }, { kind: 'notExists' })) return proposal;
  return getProposal(context, proposal.proposalId);
}

/** One proposal, or a 404 naming it. */
export async function getProposal(context: CrmApiContext, proposalId: string): Promise<Proposal> {
  const proposal = await context.tables.get<Proposal & Record<string, unknown>>('proposals', { proposalId });
  if (!proposal) throw new ApiError(404, 'proposal_not_found', `no proposal with id '${proposalId}'`);
  return proposal;
}

/** Proposals in one status, newest first. */
export async function listProposals(context: CrmApiContext, status: ProposalStatus, limit: number): Promise<Proposal[]> {
  const page = await context.tables.query<Proposal & Record<string, unknown>>('proposals', {
    index: 'byStatus',
    partitionValue: status,
    descending: true,
    limit,
  });
  return page.items;
}

/** Records the decision only if the proposal is still where it was read (two decisions at once: one wins). */
async function recordDecision(
  context: CrmApiContext,
  proposal: Proposal,
  status: Exclude<ProposalStatus, 'pending'>,
  extra: Partial<Proposal> = {},
): Promise<Proposal> {
  const next = { ...decided(proposal, status, context.clock.now().toISOString()), ...extra };
  const written = await context.tables.put(
    'proposals',
    { ...next },
    {
      kind: 'compare',
      attribute: 'status',
      op: 'eq',
      value: proposal.status,
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

/** The events of an accepted change, caused by the event the proposal came from (the email), if any. */
function causedBy(cause: ProposalCause | undefined) {
  return (events: OutgoingEvent[]): OutgoingEvent[] =>
    cause ? events.map((event) => ({ ...event, causationId: cause.eventId, correlationId: cause.correlationId })) : events;
}

/** Makes the proposed change, as the user (the normal events follow), then marks the proposal accepted. */
async function carryOut(context: CrmApiContext, proposal: Proposal): Promise<unknown> {
  const { change, jobId } = proposal;
  const because = `accepted proposal ${proposal.proposalId} (${proposal.proposedBy})`;
  switch (change.kind) {
    case 'stage-change':
      return changeStage(
        context,
        {
          jobId,
          to: change.to,
          closedReason: change.closedReason,
          note: change.note ? `${change.note} — ${because}` : because,
          by: 'user',
        },
        causedBy(proposal.cause),
      );
    case 'note':
      return addNote(context, jobId, change.note, causedBy(proposal.cause));
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
  // An accepted stage change remembers the stage it left, so it can be undone.
  const undoTo = proposal.change.kind === 'stage-change' ? (result as StageChangeResult).from : null;
  return { proposal: await recordDecision(context, proposal, 'accepted', { undoTo }), result };
}

/**
 * Undoes an accepted stage change: the job goes back to the stage it left (409 when it has moved since,
 * or when the proposal is no accepted stage change), with its own `crm.stage-changed`, caused by the same
 * event as the change; the proposal becomes `undone`.
 */
export async function undoProposal(context: CrmApiContext, proposalId: string): Promise<AcceptedProposal> {
  const proposal = await getProposal(context, proposalId);
  const { change } = proposal;
  if (proposal.status !== 'accepted' || change.kind !== 'stage-change' || !proposal.undoTo)
    throw new ApiError(
      409,
      'proposal_not_undoable',
      `proposal '${proposalId}' is no accepted stage change (it is ${proposal.status} ${change.kind})`,
      {
        status: proposal.status,
      },
    );
  const result = await revertStage(
    context,
    {
      jobId: proposal.jobId,
      from: change.to,
      to: proposal.undoTo,
      note: `undo of accepted proposal ${proposalId} (${proposal.proposedBy})`,
    },
    causedBy(proposal.cause),
  );
  return { proposal: await recordDecision(context, proposal, 'undone'), result };
}

/** Rejects a pending proposal; nothing changes. */
export async function rejectProposal(context: CrmApiContext, proposalId: string): Promise<Proposal> {
  const proposal = await getProposal(context, proposalId);
  assertPending(proposal);
  return recordDecision(context, proposal, 'rejected');
}
