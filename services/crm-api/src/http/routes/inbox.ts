import type { FastifyInstance } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import { inboxPage } from '../../use-cases/inbox.js';
import { errorResponses } from '../schemas.js';
import { type JobListQuerystring, jobListQuerystringSchema, jobPageSchema, jobQuery } from './jobs.js';

/** GET /inbox: the cockpit's triage list, a job list whose rows carry their strongest score reasons. */
export async function inboxRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  app.get<{ Querystring: JobListQuerystring }>(
    '/inbox',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Triage list: jobs matching the filters (best first by default), each with its three strongest score reasons',
        querystring: jobListQuerystringSchema,
        response: {
          200: jobPageSchema({
            allOf: [
              { $ref: 'JobSummary#' },
              { type: 'object', required: ['reasons'], properties: { reasons: { type: 'array', items: { $ref: 'ScoreReason#' } } } },
            ],
          }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => inboxPage(context, jobQuery(request.query)),
  );
}
