import type { ScraperSourceModule } from '../source-module.js';
import { createLeverSource } from './lever-source.js';

/** Lever postings: one whole company per request. */
export const leverModule: ScraperSourceModule = {
  name: 'lever',
  liveBaseUrl: 'https://api.lever.co',
  // A whole company's postings come in one answer: large bodies, few requests.
  policy: { concurrency: 2, requestsPerSecond: 2, maxBodyBytes: 20 * 1024 * 1024 },
  create: ({ baseUrl }) => createLeverSource({ baseUrl }),
};
