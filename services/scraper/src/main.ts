import { startService, stopOnSignals } from '@jobpipe/shared';
import { createScraper, type Scraper } from './app.js';
import { readScraperConfig } from './config.js';

const config = readScraperConfig(process.env);
let scraper: Scraper | undefined;
const service = await startService({
  service: 'scraper',
  runtime: config.runtime,
  concurrency: config.concurrency,
  handlers: (ports, logger) => {
    scraper = createScraper(ports, config, logger);
    return scraper.handlers;
  },
  sideJobs: async () => ({ stop: async () => scraper?.close() }),
});
scraper?.metrics.registerInto(service.metrics.registry);
stopOnSignals(service);
