import type { ScraperSourceModule } from '../source-module.js';
import { createJsonLdSource } from './jsonld-source.js';

/** Any page carrying schema.org JobPosting JSON-LD, on hosts the deployment allows. */
export const jsonldModule: ScraperSourceModule = {
  name: 'jsonld',
  // Other people's web sites: one page a second, browser-like headers, page-sized bodies.
  policy: { concurrency: 2, requestsPerSecond: 1, browserHeaders: true, maxBodyBytes: 3 * 1024 * 1024 },
  create: ({ openBrowser }) => createJsonLdSource({ openBrowser }),
};
