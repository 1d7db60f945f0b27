import { ETL_KINDS, type EtlKind } from '@jobpipe/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import { requestEtl, requestScrape } from '../../use-cases/commands.js';
import { errorResponses } from '../schemas.js';

/** These commands may be sent without a body. */
async function emptyBodyAsObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/** POST /scrape and POST /etl: ask the scraper or the etl to run now. */
export async function commandRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  app.post<{ Body: { searchId?: string } }>(
    '/scrape',
    {
      preValidation: emptyBodyAsObject,
      schema: {
        tags: ['commands'],
        summary: 'Run the configured searches now (or one of them), emitting scrape.requested',
        body: {
          type: 'object',
          additionalProperties: false,
          description: 'optional',
          properties: {
            searchId: { type: 'string', pattern: '^[a-z0-9-]{1,64}$', description: 'one search of the config; all when left out' },
          },
        },
        response: {
          202: {
            type: 'object',
            required: ['runId', 'searches'],
            properties: {
              runId: { type: 'string' },
              searches: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['searchId', 'source'],
                  properties: { searchId: { type: 'string' }, source: { type: 'string' } },
                },
              },
            },
          },
          ...errorResponses(400, 404, 409),
        },
      },
    },
    async (request, reply) => reply.code(202).send(await requestScrape(context, request.body.searchId)),
  );

  app.post<{ Body: { kind: EtlKind } }>(
    '/etl',
    {
      preValidation: emptyBodyAsObject,
      schema: {
        tags: ['commands'],
        summary: 'Rebuild the analytics database now, emitting etl.requested',
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { kind: { type: 'string', enum: ETL_KINDS, default: 'full' } },
        },
        response: {
          202: { type: 'object', required: ['requestId', 'kind'], properties: { requestId: { type: 'string' }, kind: { type: 'string' } } },
          ...errorResponses(400),
        },
      },
    },
    async (request, reply) => reply.code(202).send(await requestEtl(context, request.body.kind)),
  );
}
