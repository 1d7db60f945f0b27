import { startService } from '@jobpipe/shared';
import type { BrowserHolder } from './adapters/browser-holder.js';
import { createApplierHandlers } from './app.js';
import { readApplierConfig } from './config.js';

const config = readApplierConfig(process.env);
let browser: BrowserHolder | undefined;
const service = await startService({
  service: 'applier',
  runtime: config.runtime,
  handlers: (ports, logger) => {
    const applier = createApplierHandlers(ports, config, logger);
    browser = applier.browser;
    return applier.handlers;
  },
});

// Like stopOnSignals, but the browser is closed only after the application in flight has finished.
let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  service.logger.info({ signal }, 'stopping');
  service
    .stop()
    .then(() => browser?.close())
    .then(
      () => process.exit(0),
      (error: unknown) => {
        service.logger.error({ err: String(error) }, 'stop failed');
        process.exit(1);
      },
    );
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
