import type { FastifyInstance } from 'fastify';
import type { CrmApiContext } from '../../context.js';
import {
  SITE_NAME_PATTERN,
  type SiteCredentials,
  secretStoreOf,
  siteCredentialStatus,
  storeSiteCredentials,
} from '../../use-cases/site-credentials.js';
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

/** PUT and GET /sites/{site}/credentials: a site's login for auto-apply, straight into the secret store. */
export async function siteRoutes(app: FastifyInstance, context: CrmApiContext): Promise<void> {
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
}
