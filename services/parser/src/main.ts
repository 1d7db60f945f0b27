import { startService, stopOnSignals } from '@jobpipe/shared';
import { createParserHandlers } from './app.js';
import { loadParserConfig } from './config.js';

const config = loadParserConfig();
const service = await startService({
  service: 'parser',
  runtime: config.runtime,
  handlers: (ports, logger) => createParserHandlers(ports, config, logger),
});
stopOnSignals(service);
