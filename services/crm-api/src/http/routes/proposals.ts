import type { ClosedReason, CrmStage } from '@jobpipe/contracts';
import type { FastifyInstance } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import type { ProposalStatus, ProposedBy, ProposedChange } from '../../domain/proposals.js';
import { acceptProposal, getProposal, listProposals, propose, rejectProposal, undoProposal } from '../../use-cases/proposals.js';
import { applicationProposalBody, noteProposalBody, proposalStatusSchema, stageChangeProposalBody } from '../proposal-schemas.js';
import { errorResponses } from '../schemas.js';

const tags = ['proposals'];
const proposalRef = { $ref: 'Proposal#' } as const;
const proposalIdParams = {
  type: 'object',
  required: ['proposalId'],
  properties: { proposalId: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

/** Header naming the proposer; MCP and the inbox set it, anything else proposes as the assistant. */
function proposerOf(header: string | string[] | undefined): ProposedBy {
  return header === 'inbox' ? 'inbox' : 'assistant';
}

/** Pending changes proposed by the user's assistant or the inbox, and the user's decisions on them. */
export async function proposalRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  const proposeRoute = <Body extends { jobId: string; rationale?: string }>(
    path: string,
    summary: string,
    body: object,
    changeOf: (body: Body) => ProposedChange,
  ) =>
    app.post(
      path,
      { schema: { tags, summary, body, response: { 201: proposalRef, ...errorResponses(400, 404) } } },
      async (request, reply) => {
        // The body schema above has validated the shape.
        const validBody = request.body as Body;
        const proposal = await propose(context, {
          jobId: validBody.jobId,
          change: changeOf(validBody),
          proposedBy: proposerOf(request.headers['x-jobpipe-proposer']),
          rationale: validBody.rationale ?? null,
        });
        return reply.code(201).send(proposal);
      },
    );

  proposeRoute<{ jobId: string; to: CrmStage; closedReason?: ClosedReason | null; note?: string; rationale?: string }>(
    '/proposals/stage-changes',
    'Propose moving a job to another stage; the CRM changes only when the user accepts',
    stageChangeProposalBody,
    (body) => ({ kind: 'stage-change', to: body.to, closedReason: body.closedReason ?? null, note: body.note ?? null }),
  );
  proposeRoute<{ jobId: string; dryRun?: boolean; rationale?: string }>(
    '/proposals/applications',
    'Propose applying to a job (a dry run unless dryRun is false); nothing is sent until the user accepts',
    applicationProposalBody,
    (body) => ({ kind: 'application', dryRun: body.dryRun ?? true }),
  );
  proposeRoute<{ jobId: string; note: string; rationale?: string }>(
    '/proposals/notes',
    "Propose a note on a job's history; added when the user accepts",
    noteProposalBody,
    (body) => ({ kind: 'note', note: body.note }),
  );

  app.get<{ Querystring: { status: ProposalStatus; limit: number } }>(
    '/proposals',
    {
      schema: {
        tags,
        summary: 'Proposals in one status (pending by default), newest first',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: proposalStatusSchema.type, enum: proposalStatusSchema.enum, default: 'pending' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
          },
        },
        response: {
          200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: proposalRef } } },
          ...errorResponses(400),
        },
      },
    },
    async (request) => ({ items: await listProposals(context, request.query.status, request.query.limit) }),
  );

  app.get<{ Params: { proposalId: string } }>(
    '/proposals/:proposalId',
    { schema: { tags, summary: 'One proposal', params: proposalIdParams, response: { 200: proposalRef, ...errorResponses(404) } } },
    async (request) => getProposal(context, request.params.proposalId),
  );

  app.post<{ Params: { proposalId: string } }>(
    '/proposals/:proposalId/accept',
    {
      schema: {
        tags,
        summary: 'Accept a pending proposal: the change is made as yours, with its normal events (409 when it cannot be)',
        params: proposalIdParams,
        response: {
          200: { type: 'object', required: ['proposal', 'result'], properties: { proposal: proposalRef, result: {} } },
          ...errorResponses(400, 404, 409),
        },
      },
    },
    async (request) => acceptProposal(context, request.params.proposalId),
  );

  app.post<{ Params: { proposalId: string } }>(
    '/proposals/:proposalId/reject',
    {
      schema: {
        tags,
        summary: 'Reject a pending proposal; nothing changes',
        params: proposalIdParams,
        response: { 200: proposalRef, ...errorResponses(404, 409) },
      },
    },
    async (request) => rejectProposal(context, request.params.proposalId),
  );

  app.post<{ Params: { proposalId: string } }>(
    '/proposals/:proposalId/undo',
    {
      schema: {
        tags,
        summary: 'Undo an accepted stage change: the job goes back to the stage it left (409 when it has moved since)',
        params: proposalIdParams,
        response: {
          200: { type: 'object', required: ['proposal', 'result'], properties: { proposal: proposalRef, result: {} } },
          ...errorResponses(404, 409),
        },
      },
    },
    async (request) => undoProposal(context, request.params.proposalId),
  );
}
