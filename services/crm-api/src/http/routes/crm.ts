import { CLOSED_REASONS, type ClosedReason, CRM_STAGES, type CrmStage, EMPLOYER_RESPONSE_KINDS } from '@jobpipe/contracts';
import type { FastifyInstance } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import { allowedNextStages } from '../../domain/stage-transitions.js';
import { ApiError } from '../../use-cases/api-error.js';
import { addNote, addResponse, changeStage, changeStages, type EmployerResponse, historyOf } from '../../use-cases/crm.js';
import { closedReasonSchema, errorResponses, jobIdParams, jobIdSchema, stageSchema } from '../schemas.js';

/** Most jobs one bulk stage change may move. */
export const BULK_LIMIT = 500;

interface StageBody {
  to: CrmStage;
  closedReason?: ClosedReason | null;
  note?: string;
}

const stageBodyProperties = {
  to: stageSchema,
  closedReason: { anyOf: [closedReasonSchema, { type: 'null' }], description: 'required when moving to closed' },
  note: { type: 'string', minLength: 1, maxLength: 10_000 },
} as const;

/** Stage changes, notes, employer responses, history, bulk changes. */
export async function crmRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  app.get(
    '/crm/stages',
    {
      schema: {
        tags: ['crm'],
        summary: 'The stage machine: stages in order, closing reasons, allowed next stages',
        response: {
          200: {
            type: 'object',
            required: ['stages', 'closedReasons', 'transitions'],
            properties: {
              stages: { type: 'array', items: stageSchema },
              closedReasons: { type: 'array', items: closedReasonSchema },
              transitions: { type: 'object', additionalProperties: { type: 'array', items: stageSchema } },
            },
          },
          ...errorResponses(),
        },
      },
    },
    async () => ({
      stages: CRM_STAGES,
      closedReasons: CLOSED_REASONS,
      transitions: Object.fromEntries(CRM_STAGES.map((stage) => [stage, allowedNextStages(stage)])),
    }),
  );

  app.post<{ Params: { jobId: string }; Body: StageBody }>(
    '/jobs/:jobId/stage',
    {
      schema: {
        tags: ['crm'],
        summary: 'Move a job to another stage (409 with the allowed next stages when the move is illegal)',
        params: jobIdParams,
        body: { type: 'object', additionalProperties: false, required: ['to'], properties: stageBodyProperties },
        response: { 200: { $ref: 'StageChangeResult#' }, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) =>
      changeStage(context, {
        jobId: request.params.jobId,
        to: request.body.to,
        closedReason: request.body.closedReason ?? null,
        ...(request.body.note ? { note: request.body.note } : {}),
      }),
  );

  app.post<{ Params: { jobId: string }; Body: { text: string } }>(
    '/jobs/:jobId/notes',
    {
      schema: {
        tags: ['crm'],
        summary: 'Add a note to a job',
        params: jobIdParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['text'],
          properties: { text: { type: 'string', minLength: 1, maxLength: 10_000 } },
        },
        response: { 201: { $ref: 'HistoryEntry#' }, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => reply.code(201).send(await addNote(context, request.params.jobId, request.body.text)),
  );

  app.post<{
    Params: { jobId: string };
    Body: { kind: EmployerResponse['kind']; respondedAt?: string; interviewAt?: string | null; note?: string };
  }>(
    '/jobs/:jobId/responses',
    {
      schema: {
        tags: ['crm'],
        summary: 'Record an employer response (recruiter replied, interview scheduled...)',
        params: jobIdParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['kind'],
          properties: {
            kind: { type: 'string', enum: EMPLOYER_RESPONSE_KINDS },
            respondedAt: { type: 'string', format: 'date-time', description: 'defaults to now' },
            interviewAt: { type: ['string', 'null'], format: 'date-time' },
            note: { type: 'string', minLength: 1, maxLength: 10_000 },
          },
        },
        response: { 201: { $ref: 'HistoryEntry#' }, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const { kind, respondedAt, interviewAt, note } = request.body;
      if (kind === 'interview-scheduled' && !interviewAt) {
        throw new ApiError(400, 'interview_date_missing', "an 'interview-scheduled' response needs interviewAt");
      }
      const response: EmployerResponse = {
        kind,
        respondedAt: respondedAt ?? context.clock.now().toISOString(),
        ...(interviewAt !== undefined ? { interviewAt } : {}),
      };
      return reply.code(201).send(await addResponse(context, request.params.jobId, response, note));
    },
  );

  app.get<{ Params: { jobId: string } }>(
    '/jobs/:jobId/history',
    {
      schema: {
        tags: ['crm'],
        summary: "A job's CRM history, oldest first",
        params: jobIdParams,
        response: {
          200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: 'HistoryEntry#' } } } },
          ...errorResponses(400),
        },
      },
    },
    async (request) => ({ items: await historyOf(context, request.params.jobId) }),
  );

  app.post<{ Body: StageBody & { jobIds: string[] } }>(
    '/crm/bulk-stage',
    {
      schema: {
        tags: ['crm'],
        summary: `Move up to ${BULK_LIMIT} jobs to a stage; each job is checked on its own`,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['jobIds', 'to'],
          properties: {
            jobIds: { type: 'array', minItems: 1, maxItems: BULK_LIMIT, uniqueItems: true, items: jobIdSchema },
            ...stageBodyProperties,
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['moved', 'failed', 'results'],
            properties: {
              moved: { type: 'integer' },
              failed: { type: 'integer' },
              results: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['jobId', 'ok'],
                  properties: {
                    jobId: { type: 'string' },
                    ok: { type: 'boolean' },
                    from: stageSchema,
                    to: stageSchema,
                    closedReason: { type: ['string', 'null'] },
                    changedAt: { type: 'string' },
                    allowedNext: { type: 'array', items: stageSchema },
                    error: { type: 'string' },
                    message: { type: 'string' },
                    details: {},
                  },
                },
              },
            },
          },
          ...errorResponses(400, 413),
        },
      },
      preValidation: async (request) => {
        const jobIds = (request.body as { jobIds?: unknown } | undefined)?.jobIds;
        if (Array.isArray(jobIds) && jobIds.length > BULK_LIMIT) {
          throw new ApiError(
            413,
            'too_many_jobs',
            `a bulk change takes at most ${BULK_LIMIT} jobs; this one has ${jobIds.length}: split it`,
            {
              limit: BULK_LIMIT,
              received: jobIds.length,
            },
          );
        }
      },
    },
    async (request) => {
      const { jobIds, to, closedReason, note } = request.body;
      const results = await changeStages(
        context,
        jobIds.map((jobId) => ({ jobId, to, closedReason: closedReason ?? null, ...(note ? { note } : {}) })),
      );
      const moved = results.filter((result) => result.ok).length;
      return { moved, failed: results.length - moved, results };
    },
  );
}
