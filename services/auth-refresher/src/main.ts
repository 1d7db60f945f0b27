import { startService, stopOnSignals } from '@jobpipe/shared';
import { createAuthRefresherHandlers, createSessionRefresher, startAuthRefresherSchedule } from './app.js';
import { readAuthRefresherConfig } from './config.js';
import type { SessionRefresher } from './session-refresher.js';

const config = readAuthRefresherConfig(process.env);
let refresher: SessionRefresher | undefined;
const service = await startService({
  service: 'auth-refresher',
  runtime: config.runtime,
  handlers: (ports) => {
    refresher = createSessionRefresher(ports, config);
    return createAuthRefresherHandlers(ports, config, refresher);
  },
  sideJobs: async (ports, logger) => startAuthRefresherSchedule(refresher!, ports, config.checkIntervalSeconds, logger),
});
stopOnSignals(service);
