import type { HandlerTable, Logger, RuntimePorts } from '@jobpipe/shared';
import type { CrmApiConfig } from './config.js';
import { type CrmApiContext, createCrmApiContext } from './context.js';
import { createCrmApiHandlers } from './handlers/index.js';
import { buildCrmApi } from './http/server.js';

/** The composed crm-api: its context, its queue handlers, and a starter for its HTTP server. */
export interface CrmApiApp {
  readonly context: CrmApiContext;
  readonly handlers: HandlerTable;
  /** Starts the HTTP server on the configured host and port; `stop` closes it and crm-api's files. */
  serve(): Promise<{ address: string; stop(): Promise<void> }>;
}

/** Composition root: builds crm-api from the runtime ports and its config. */
export function createCrmApiApp(ports: RuntimePorts, config: CrmApiConfig, logger: Logger): CrmApiApp {
  const context = createCrmApiContext(
    ports,
    { dataDir: config.runtime.dataDir, rateLimitPerMinute: config.rateLimitPerMinute, insightsCacheSeconds: config.insightsCacheSeconds },
    logger,
  );
  return {
    context,
    handlers: createCrmApiHandlers(context),
    async serve() {
      const app = await buildCrmApi(context);
      const address = await app.listen({ port: config.port, host: config.host });
      logger.info({ address, docs: `${address}/docs`, dashboard: `${address}/dashboard` }, 'crm-api listening');
      return {
        address,
        async stop() {
          await app.close();
          await context.close();
        },
      };
    },
  };
}
