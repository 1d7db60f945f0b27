import { PROPOSAL_STATUSES, PROPOSERS } from '@jobpipe/contracts';
import { closedReasonSchema, jobIdSchema, nullableString, stageSchema } from './schemas.js';

/** A proposal's status: the one list is the `proposals` table schema's (through the generated vocabulary). */
export const proposalStatusSchema = { $id: 'ProposalStatus', type: 'string', enum: PROPOSAL_STATUSES } as const;
/** Who proposed a change, as the `proposals` table schema lists them. */
export const proposerSchema = { $id: 'Proposer', type: 'string', enum: PROPOSERS } as const;

/** Why the proposer suggests a change, shown to the user beside it. */
const rationaleSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 2_000,
  description: 'why this change is proposed, shown to the user',
} as const;
const noteTextSchema = { type: 'string', minLength: 1, maxLength: 10_000 } as const;

/** Body of `POST /proposals/stage-changes` (also the input of the MCP tool `propose_stage_change`). */
export const stageChangeProposalBody = {
  type: 'object',
  additionalProperties: false,
  required: ['jobId', 'to'],
  properties: {
    jobId: jobIdSchema,
    to: stageSchema,
    closedReason: { anyOf: [closedReasonSchema, { type: 'null' }], description: 'required when moving to closed' },
    note: noteTextSchema,
    rationale: rationaleSchema,
  },
} as const;

/** Body of `POST /proposals/applications` (the input of `propose_application`). */
export const applicationProposalBody = {
  type: 'object',
  additionalProperties: false,
  required: ['jobId'],
  properties: {
    jobId: jobIdSchema,
    dryRun: { type: 'boolean', default: true, description: 'fill the form without submitting (the default)' },
    rationale: rationaleSchema,
  },
} as const;

/** Body of `POST /proposals/notes` (the input of `add_note`). */
export const noteProposalBody = {
  type: 'object',
  additionalProperties: false,
  required: ['jobId', 'note'],
  properties: { jobId: jobIdSchema, note: noteTextSchema, rationale: rationaleSchema },
} as const;

/** A proposal as the API shows it. */
export const proposalSchema = {
  $id: 'Proposal',
  type: 'object',
  required: ['proposalId', 'jobId', 'change', 'proposedBy', 'rationale', 'status', 'createdAt', 'decidedAt'],
  properties: {
    proposalId: { type: 'string' },
    jobId: { type: 'string' },
    change: {
      type: 'object',
      required: ['kind'],
      properties: {
        kind: { type: 'string', enum: ['stage-change', 'application', 'note'] },
        to: stageSchema,
        closedReason: nullableString,
        note: nullableString,
        dryRun: { type: 'boolean' },
      },
    },
    proposedBy: { $ref: 'Proposer#' },
    rationale: nullableString,
    status: { $ref: 'ProposalStatus#' },
    createdAt: { type: 'string' },
    decidedAt: nullableString,
    cause: {
      type: 'object',
      description: 'the email.classified event an inbox proposal came from (the accepted change names it as its cause)',
      required: ['eventId', 'correlationId', 'messageId'],
      properties: { eventId: { type: 'string' }, correlationId: { type: 'string' }, messageId: { type: 'string' } },
    },
    undoTo: { ...nullableString, description: 'set on an accepted stage change that can be undone: the stage the job left' },
  },
} as const;
