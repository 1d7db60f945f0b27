import type { ScraperSourceModule } from '../source-module.js';
import { createPersonioSource, PERSONIO_DOMAIN } from './personio-source.js';

/** Personio careers pages: the XML feed of every published position of a company. */
export const personioModule: ScraperSourceModule = {
  name: 'personio',
  // Each company's careers page is its own subdomain (`<company>.jobs.personio.de`).
  liveBaseUrl: `https://${PERSONIO_DOMAIN}`,
  defaultHosts: [`*.${PERSONIO_DOMAIN}`],
  // A whole feed (descriptions inside) in one answer: large bodies, few requests; Personio answers bursts
  // with 429 and Retry-After.
  policy: { concurrency: 2, requestsPerSecond: 2, maxBodyBytes: 20 * 1024 * 1024 },
  create: ({ baseUrl }) => createPersonioSource({ baseUrl }),
};
