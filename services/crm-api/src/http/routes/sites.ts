import type { FastifyInstance } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import { requestSiteUnblock } from '../../use-cases/commands.js';
import {
  SITE_NAME_PATTERN,
  type SiteCredentials,
  secretStoreOf,
  siteCredentialStatus,
  storeSiteCredentials,
} from '../../use-cases/site-credentials.js';
import { listSites } from '../../use-cases/sites.js';
import { errorResponses } from '../schemas.js';

const siteParams = {
  type: 'object',
  required: ['site'],
  properties: { site: { type: 'string', pattern: SITE_NAME_PATTERN, description: 'the site name the sites file uses' } },
} as const;

const statusSchema = {
  type: 'object',
  required: ['site', 'username', 'password', 'totp'],
  description: 'which credentials the secret store holds for the site (never their values)',
  properties: { site: { type: 'string' }, username: { type: 'boolean' }, password: { type: 'boolean' }, totp: { type: 'boolean' } },
} as const;

/**
 * PUT and GET /sites/{site}/credentials: a site's login for auto-apply, straight into the secret store;
 * POST /sites/{site}/unblock: log in again after the user fixed what blocked the site; GET /sites: every
 * site with its stored credentials (which, never values) and its session's state.
 */
export async function siteRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
  app.get(
    '/sites',
    {
      schema: {
        tags: ['sites'],
        summary: "Every site of the config or with a session: which credentials are stored (never their values) and the session's state",
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['site', 'baseUrl', 'login', 'apply', 'credentials', 'session'],
                  properties: {
                    site: { type: 'string' },
                    baseUrl: { type: ['string', 'null'] },
                    login: { type: 'boolean', description: 'the config says how to log in' },
                    apply: { type: 'boolean', description: 'the config says how to fill the apply form' },
                    credentials: {
                      type: 'object',
                      required: ['username', 'password', 'totp'],
                      properties: { username: { type: 'boolean' }, password: { type: 'boolean' }, totp: { type: 'boolean' } },
                    },
                    session: {
                      type: ['object', 'null'],
                      required: ['status', 'reason', 'lastError', 'expiresAt', 'updatedAt'],
                      properties: {
                        status: { type: 'string', description: 'ok, needs-otp, failed or blocked' },
                        reason: { type: ['string', 'null'] },
                        lastError: { type: ['string', 'null'] },
                        expiresAt: { type: ['string', 'null'] },
                        updatedAt: { type: 'string' },
                      },
                    },
                  },
                },
              },
            },
          },
          ...errorResponses(503),
        },
      },
    },
    async () => ({ items: await listSites(context) }),
  );

  app.put<{ Params: { site: string }; Body: SiteCredentials }>(
    '/sites/:site/credentials',
    {
      schema: {
        tags: ['sites'],
        summary: "Store a site's username, password and TOTP secret in the secret store (never shown back, never logged)",
        params: siteParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['username', 'password'],
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 500 },
            password: { type: 'string', minLength: 1, maxLength: 500 },
            totpSecret: {
              type: ['string', 'null'],
              minLength: 1,
              maxLength: 200,
              description: 'base32 TOTP secret of the one-time-code step; null removes a stored one; leave out to keep it',
            },
          },
        },
        response: { 200: statusSchema, ...errorResponses(400, 503) },
      },
    },
    async (request) => storeSiteCredentials(secretStoreOf(context), request.params.site, request.body),
  );

  app.get<{ Params: { site: string } }>(
    '/sites/:site/credentials',
    {
      schema: {
        tags: ['sites'],
        summary: 'Which credentials the secret store holds for a site (never their values)',
        params: siteParams,
        response: { 200: statusSchema, ...errorResponses(400, 503) },
      },
    },
    async (request) => siteCredentialStatus(secretStoreOf(context), request.params.site),
  );

  app.post<{ Params: { site: string } }>(
    '/sites/:site/unblock',
    {
      schema: {
        tags: ['sites'],
        summary: 'Lift the block on a site (after fixing its credentials or TOTP secret) and log in again now',
        params: siteParams,
        response: {
          202: {
            type: 'object',
            required: ['site', 'requestedAt'],
            properties: { site: { type: 'string' }, requestedAt: { type: 'string', format: 'date-time' } },
          },
          ...errorResponses(400),
        },
      },
    },
    async (request, reply) => reply.code(202).send(await requestSiteUnblock(context, request.params.site)),
  );
}
