import { ETL_KINDS, type EtlKind } from '@jobpipe/contracts';
import { scrapeRequestFor } from '@jobpipe/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import { ApiError } from '../../use-cases/api-error.js';
import { currentConfig } from '../../use-cases/config.js';
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
    async (request, reply) => {
      const { config } = await currentConfig(context);
      const searchId = request.body.searchId;
      const searches = searchId ? config.searches.filter((search) => search.id === searchId) : config.searches;
      if (searchId && searches.length === 0) throw new ApiError(404, 'search_not_found', `no search '${searchId}' in the config`);
      if (searches.length === 0)
        throw new ApiError(409, 'no_searches', 'the config has no searches yet: add some with PUT /config/searches');
      const runId = context.ids.uuid();
      await context.publisher.publish(
        // Only the fields a scrape request carries (allowPrivateHosts and schedule stay in the config).
        searches.map((search) => ({ detailType: 'scrape.requested' as const, data: scrapeRequestFor(search, runId, 'user') })),
      );
      return reply.code(202).send({ runId, searches: searches.map((search) => ({ searchId: search.id, source: search.source })) });
    },
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
    async (request, reply) => {
      const requestId = context.ids.uuid();
      const kind = request.body.kind;
      await context.publisher.publish([
        { detailType: 'etl.requested', data: { requestId, kind, requestedAt: context.clock.now().toISOString() } },
      ]);
      return reply.code(202).send({ requestId, kind });
    },
  );
}
