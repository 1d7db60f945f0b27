import type { FastifyInstance } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import { apiKeyViews, issueApiKey, withdrawApiKey } from '../../use-cases/api-keys.js';
import { errorResponses } from '../schemas.js';

const keyIdSchema = { type: 'string', pattern: '^[A-Za-z0-9]{12}$', description: 'the id of a key: the 12 characters after jp_' } as const;
const scopeSchema = { type: 'string', enum: ['read', 'write'], description: 'read: GET only; write: every route' } as const;
const timestamp = { type: 'string', format: 'date-time' } as const;
const nullableTimestamp = { type: ['string', 'null'], format: 'date-time' } as const;

const keyViewProperties = {
  keyId: keyIdSchema,
  name: { type: 'string' },
  scope: scopeSchema,
  createdAt: timestamp,
  lastUsedAt: { ...nullableTimestamp, description: 'when the key last opened a request (to the minute; null: never)' },
  revokedAt: nullableTimestamp,
} as const;
const keyViewSchema = { type: 'object', required: Object.keys(keyViewProperties), properties: keyViewProperties } as const;

/**
 * GET /api-keys (names, scopes, created, last used; never a key), POST /api-keys (creates a key and
 * answers it once: only its hash is stored, and the answer is never kept for an Idempotency-Key
 * replay), DELETE /api-keys/{keyId} (revokes it).
 */
export async function apiKeyRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  app.get(
    '/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'The API keys: id, name, scope, when created, last used and revoked (never the key itself)',
        response: {
          200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: keyViewSchema } } },
          ...errorResponses(),
        },
      },
    },
    async () => ({ items: await apiKeyViews(context) }),
  );

  app.post<{ Body: { name: string; scope?: 'read' | 'write' } }>(
    '/api-keys',
    {
      config: { answerHoldsSecret: true },
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key: the answer holds the key, shown this once (only its hash is stored)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200, description: 'who or what uses the key' },
            scope: { ...scopeSchema, default: 'write' },
          },
        },
        response: {
          201: {
            type: 'object',
            required: ['key', ...keyViewSchema.required],
            properties: {
              key: { type: 'string', description: 'jp_<id>_<secret>: keep it, it is never shown again' },
              ...keyViewProperties,
            },
          },
          ...errorResponses(400),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await issueApiKey(context, request.body)),
  );

  app.delete<{ Params: { keyId: string } }>(
    '/api-keys/:keyId',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key (requests with it are refused from now on; revoking twice answers the first revocation)',
        params: { type: 'object', required: ['keyId'], properties: { keyId: keyIdSchema } },
        response: { 200: keyViewSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => withdrawApiKey(context, request.params.keyId),
  );
}
