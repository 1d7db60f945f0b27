import { GHOST_FLAG_KINDS, type GhostFlagKind } from '@jobpipe/contracts';
import type { FastifyInstance } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import { setFlagDismissed } from '../../use-cases/flag-dismissals.js';
import { errorResponses, jobIdSchema, jobSummarySchema } from '../schemas.js';

const flagParams = {
  type: 'object',
  required: ['jobId', 'kind'],
  properties: { jobId: jobIdSchema, kind: { type: 'string', enum: GHOST_FLAG_KINDS, description: 'the ghost-risk criterion' } },
} as const;

const dismissalResult = {
  type: 'object',
  required: ['jobId', 'kind', 'since', 'dismissed', 'changed', 'ghostFlags'],
  properties: {
    jobId: jobIdSchema,
    kind: { type: 'string', enum: GHOST_FLAG_KINDS },
    since: {
      type: 'string',
      format: 'date-time',
      description: 'when the flag first fired (a flag that ceases and fires again is a new one)',
    },
    dismissed: { type: 'boolean', description: 'whether the flag is dismissed now' },
    changed: { type: 'boolean', description: 'false when the request repeated the current state: nothing was written or announced' },
    ghostFlags: jobSummarySchema.properties.ghostFlags,
  },
} as const;

/** Dismissing a ghost-risk flag of a job, and taking the dismissal back (idempotent; `Idempotency-Key` honoured). */
export async function flagRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  const route = (action: 'dismiss' | 'restore', dismissed: boolean, summary: string) =>
    app.post<{ Params: { jobId: string; kind: GhostFlagKind } }>(
      `/jobs/:jobId/flags/:kind/${action}`,
      {
        schema: {
          tags: ['jobs'],
          summary,
          params: flagParams,
          response: { 200: dismissalResult, ...errorResponses(400, 404, 409) },
        },
      },
      async (request) => setFlagDismissed(context, request.params.jobId, request.params.kind, dismissed),
    );
  route(
    'dismiss',
    true,
    'Dismiss a ghost-risk flag of a job: it stays shown, marked dismissed, and costs the job no points (404 when the flag does not fire)',
  );
  route('restore', false, 'Take back the dismissal of a ghost-risk flag (404 when it is not dismissed)');
}
