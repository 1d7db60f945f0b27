import type { ScraperSourceModule } from '../source-module.js';
import { createGreenhouseSource } from './greenhouse-source.js';

/** Greenhouse job boards: one whole board per request. */
export const greenhouseModule: ScraperSourceModule = {
  name: 'greenhouse',
  liveBaseUrl: 'https://boards-api.greenhouse.io',
  // A whole board with content comes in one answer: large bodies, few requests.
  policy: { concurrency: 2, requestsPerSecond: 2, maxBodyBytes: 20 * 1024 * 1024 },
  create: ({ baseUrl }) => createGreenhouseSource({ baseUrl }),
};
