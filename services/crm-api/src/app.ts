import { defineService, type Logger, type ServicePorts, type Stoppable } from '@jobpipe/shared';
import type { FastifyInstance } from 'fastify';
import { CRM_API_ENV_SCHEMA, type CrmApiConfig, readCrmApiConfig } from './config.js';
import { type CrmApiContext, createCrmApiContext } from './context.js';
import { createCrmApiHandlers } from './handlers/index.js';
import { buildCrmApi } from './http/server.js';

/** The composed crm-api: its context, its queue handlers, its HTTP app, and its HTTP server as a side job. */
export interface CrmApiApp {
  readonly context: CrmApiContext;
  readonly handlers: ReturnType<typeof createCrmApiHandlers>;
  /** The HTTP app over this context, ready but not listening (the `http-api` side job listens with it; tests inject into it). */
  httpApi(): Promise<FastifyInstance>;
  readonly sideJobs: { readonly 'http-api': () => Promise<Stoppable> };
  /** Closes crm-api's files (after the HTTP server and the queue have stopped). */
  close(): Promise<void>;
}

/** Composition root: builds crm-api from the runtime ports and its config. */
export function createCrmApiApp(ports: ServicePorts<'crm-api'>, config: CrmApiConfig, logger: Logger): CrmApiApp {
  const context = createCrmApiContext(
    ports,
    {
      dataDir: config.runtime.dataDir,
      // On AWS every instance (each Lambda execution environment) must answer the same.
      readSide: config.runtime.transport === 'aws' ? 'tables' : 'files',
      rateLimitPerMinute: config.rateLimitPerMinute,
      insightsCacheSeconds: config.insightsCacheSeconds,
    },
    logger,
  );
  const httpApi = () => buildCrmApi(context);
  return {
    context,
    handlers: createCrmApiHandlers(context),
    httpApi,
    sideJobs: {
      /** The HTTP server on the configured host and port. */
      'http-api': async () => {
        const app = await httpApi();
        const address = await app.listen({ port: config.port, host: config.host });
        logger.info({ address, docs: `${address}/docs`, dashboard: `${address}/dashboard` }, 'crm-api listening');
        return { stop: () => app.close() };
      },
    },
    close: () => context.close(),
  };
}

/** The crm-api service, as every entry starts it (process, Lambda, tests). */
export const crmApiService = defineService({
  name: 'crm-api',
  envSchema: CRM_API_ENV_SCHEMA,
  readConfig: readCrmApiConfig,
  build: createCrmApiApp,
});
