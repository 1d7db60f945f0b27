import { startService, stopOnSignals } from '@jobpipe/shared';
import { createSheetsBridgeHandlers, type SheetsBridgeService } from './app.js';
import { readSheetsBridgeConfig } from './config.js';

const config = readSheetsBridgeConfig(process.env);
let bridge: SheetsBridgeService | undefined;
const service = await startService({
  service: 'sheets-bridge',
  runtime: config.runtime,
  handlers: async (ports, logger) => {
    bridge = await createSheetsBridgeHandlers(ports, config, logger);
    return bridge.handlers;
  },
  sideJobs: async () => {
    bridge?.startPolling();
    return { stop: async () => bridge?.stop() };
  },
});
stopOnSignals(service);
