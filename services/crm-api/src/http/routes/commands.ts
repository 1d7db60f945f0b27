import { ETL_KINDS, type EtlKind, WIPE_SCOPES, type WipeScope } from '@jobpipe/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import { requestEtl, requestScrape } from '../../use-cases/commands.js';
import { requestWipe } from '../../use-cases/wipe.js';
import { errorResponses } from '../schemas.js';

/** These commands may be sent without a body. */
async function emptyBodyAsObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/** POST /scrape and POST /etl: ask the scraper or the etl to run now; POST /wipe: ask every owner to delete. */
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

  app.post<{ Body: { scope: WipeScope; confirm: string } }>(
    '/wipe',
    {
      schema: {
        tags: ['commands'],
        summary:
          'Delete the stored postings (scope postings) or everything but the config and credentials (scope all), emitting wipe.requested',
        description:
          "postings: scraped and imported postings, parsed jobs, scores, the job listing and analytics (CRM stages stay). all: also the CRM (stages, history, notes), applications, proposals, imports, scrape runs, and the recommender's decisions and model. Config, API keys, site sessions and secrets always stay. Each owner deletes its own and announces it (wipe.completed).",
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['scope', 'confirm'],
          properties: {
            scope: { type: 'string', enum: WIPE_SCOPES },
            confirm: { type: 'string', maxLength: 64, description: "exactly 'wipe <scope>', e.g. 'wipe postings'" },
          },
        },
        response: {
          202: { type: 'object', required: ['wipeId', 'scope'], properties: { wipeId: { type: 'string' }, scope: { type: 'string' } } },
          ...errorResponses(400),
        },
      },
    },
    async (request, reply) => reply.code(202).send(await requestWipe(context, request.body.scope, request.body.confirm, 'api')),
  );
}
