import { startService, stopOnSignals } from '@jobpipe/shared';
import { createEtlHandlers, type EtlService } from './app.js';
import { readEtlConfig } from './config.js';

const config = readEtlConfig(process.env);
let etl: EtlService | undefined;
const service = await startService({
  service: 'etl',
  runtime: config.runtime,
  handlers: (ports, logger) => {
    etl = createEtlHandlers(ports, config, logger);
    return etl.handlers;
  },
  sideJobs: async () => ({ stop: async () => etl?.close() }),
});
stopOnSignals(service);
