import { createLogger, startService, stopOnSignals } from '@jobpipe/shared';
import { createCrmApiApp } from './app.js';
import { readCrmApiConfig } from './config.js';

const config = readCrmApiConfig(process.env);
const logger = createLogger('crm-api', config.runtime.logLevel);
let api: ReturnType<typeof createCrmApiApp> | undefined;

const service = await startService({
  service: 'crm-api',
  runtime: config.runtime,
  logger,
  handlers: (ports) => {
    api = createCrmApiApp(ports, config, logger);
    return api.handlers;
  },
  sideJobs: async () => api!.serve(),
});
stopOnSignals(service);
