import type { FastifyInstance } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import { inboxPage } from '../../use-cases/inbox.js';
import { errorResponses } from '../schemas.js';
import { filterProperties, type JobListQuerystring, jobQuery } from './jobs.js';

/** GET /inbox: the cockpit's triage list, a job list whose rows carry their strongest score reasons. */
export async function inboxRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  app.get<{ Querystring: JobListQuerystring }>(
    '/inbox',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Triage list: jobs matching the filters (best first by default), each with its three strongest score reasons',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...filterProperties,
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            cursor: { type: 'string', maxLength: 1000, description: 'nextCursor of the previous page' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['items', 'nextCursor'],
            properties: {
              items: {
                type: 'array',
                items: {
                  allOf: [
                    { $ref: 'JobSummary#' },
                    { type: 'object', required: ['reasons'], properties: { reasons: { type: 'array', items: { $ref: 'ScoreReason#' } } } },
                  ],
                },
              },
              nextCursor: { type: ['string', 'null'] },
            },
          },
          ...errorResponses(400),
        },
      },
    },
    async (request) => inboxPage(context, jobQuery(request.query)),
  );
}
