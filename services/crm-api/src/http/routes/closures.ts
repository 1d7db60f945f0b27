import type { FastifyInstance } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import { requestClosure } from '../../use-cases/user-closure.js';
import { errorResponses, jobIdParams, jobIdSchema } from '../schemas.js';

const closureAccepted = {
  type: 'object',
  required: ['jobId', 'action', 'requestId'],
  properties: {
    jobId: jobIdSchema,
    action: { type: 'string', enum: ['close', 'reopen'] },
    requestId: { type: 'string', format: 'uuid', description: 'names the request (a reopen names it as its run)' },
  },
} as const;

/** The user closing a job's posting themselves, and taking that back (applied by the parser: 202). */
export async function closureRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  const route = (action: 'close' | 'reopen', summary: string) =>
    app.post<{ Params: { jobId: string } }>(
      `/jobs/:jobId/${action}`,
      {
        schema: {
          tags: ['jobs'],
          summary,
          params: jobIdParams,
          response: { 202: closureAccepted, ...errorResponses(400, 404, 409) },
        },
      },
      async (request, reply) => reply.code(202).send(await requestClosure(context, request.params.jobId, action)),
    );
  route(
    'close',
    "Close a job's posting as the user's decision (closeReason user): it leaves the open list, and no later listing reopens it (409 when it closed for another reason)",
  );
  route('reopen', 'Take back a close by the user: the job is open again (409 when the user did not close it)');
}
