import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { IdempotencyStore } from '../adapters/idempotency-store.js';
import type { CrmApiContext } from '../context.js';
import { ApiError } from '../use-cases/api-error.js';
import { assetFolders } from './asset-folders.js';
import { installApiKeyAuth } from './auth.js';
import { frameworkErrorReply, installErrorHandling } from './error-handler.js';
import { installIdempotencyKeys } from './idempotency.js';
import { installNumberParameterChecks } from './number-parameters.js';
import { proposalSchema, proposalStatusSchema, proposerSchema } from './proposal-schemas.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { applicationRoutes } from './routes/applications.js';
import { closureRoutes } from './routes/closures.js';
import { cockpitRoutes } from './routes/cockpit.js';
import { commandRoutes } from './routes/commands.js';
import { configRoutes } from './routes/config.js';
import { crmRoutes } from './routes/crm.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { flagRoutes } from './routes/flags.js';
import { importRoutes } from './routes/imports.js';
import { inboxRoutes } from './routes/inbox.js';
import { insightRoutes } from './routes/insights.js';
import { jobRoutes } from './routes/jobs.js';
import { liveRoutes } from './routes/live.js';
import { mcpRoutes } from './routes/mcp.js';
import { notificationRoutes } from './routes/notifications.js';
import { opsRoutes } from './routes/ops.js';
import { proposalRoutes } from './routes/proposals.js';
import { sheetsRoutes } from './routes/sheets.js';
import { siteRoutes } from './routes/sites.js';
import { sourceResolutionSchema, sourceRouteSchema, sourceRoutes } from './routes/sources.js';
import { SHARED_SCHEMAS } from './schemas.js';

/** Body limit of ordinary JSON requests (imports raise their own). */
const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Builds the crm-api Fastify app: OpenAPI (at /docs, /docs/json), API-key auth, per-key rate limit,
 * one error shape, and every route. CORS stays off: the dashboard is served from the same origin.
 * Call `listen` to serve, or `inject` to test.
 */
export async function buildCrmApi(context: CrmApiContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
    return503OnClosing: true,
    frameworkErrors: frameworkErrorReply,
  });
  installErrorHandling(app, context.logger);
  // Swagger UI's own routes are public like /health; set before the plugin adds them.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...(route.config as object), public: true, rateLimit: false } as never;
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'jobpipe crm-api',
        version: '1.0.0',
        description:
          'Jobs, CRM stages, applications, config, imports, insights and live updates of jobpipe. Errors are always { error, message, details }. Write requests (POST, PUT, PATCH, DELETE) accept an Idempotency-Key header: a retry with the same key and the same request gets the first answer again (header Idempotency-Replayed: true) and changes or publishes nothing twice; the same key with a different request is a 422. Answers are kept 24 hours.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ apiKey: [] }, { bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', baseDir: assetFolders().swaggerUi });
  for (const schema of [...SHARED_SCHEMAS, proposalStatusSchema, proposerSchema, proposalSchema, sourceRouteSchema, sourceResolutionSchema])
    app.addSchema(schema);

  installApiKeyAuth(app, context.apiKeys);
  installNumberParameterChecks(app);
  await app.register(rateLimit, {
    global: true,
    max: context.rateLimitPerMinute,
    timeWindow: 60_000,
    // Counted as soon as the key is known, so requests refused later (invalid input) count too.
    hook: 'onRequest',
    keyGenerator: (request) => request.apiKey?.keyId ?? request.ip,
    allowList: (request) => request.apiKey === undefined,
    errorResponseBuilder: (_request, limit) =>
      new ApiError(
        429,
        'rate_limited',
        `too many requests: this API key may make ${limit.max} requests per minute; retry in ${limit.after}`,
        {
          limit: limit.max,
          retryAfter: limit.after,
        },
      ),
  });
  installIdempotencyKeys(app, new IdempotencyStore(context.tables, context.clock));
  await app.register(multipart, { limits: { files: 1, fields: 10, fileSize: Number.POSITIVE_INFINITY } });
  app.addContentTypeParser('text/csv', (_request, payload: Readable, done) => done(null, payload));

  await app.register(async (scope) => {
    await opsRoutes(scope, context);
    await jobRoutes(scope, context);
    await inboxRoutes(scope, context);
    await crmRoutes(scope, context);
    await flagRoutes(scope, context);
    await closureRoutes(scope, context);
    await applicationRoutes(scope, context);
    await configRoutes(scope, context);
    await commandRoutes(scope, context);
    await importRoutes(scope, context);
    await insightRoutes(scope, context);
    await liveRoutes(scope, context);
    await proposalRoutes(scope, context);
    await siteRoutes(scope, context);
    await notificationRoutes(scope, context);
    await apiKeyRoutes(scope, context);
    await sheetsRoutes(scope, context);
    await sourceRoutes(scope, context);
    await mcpRoutes(scope);
    await dashboardRoutes(scope);
    await cockpitRoutes(scope);
  });
  await app.ready();
  return app;
}
