import type { ScraperSourceModule } from '../source-module.js';
import { createAshbySource } from './ashby-source.js';

/** Ashby job boards (public posting API): one whole board, with compensation, per request. */
export const ashbyModule: ScraperSourceModule = {
  name: 'ashby',
  liveBaseUrl: 'https://api.ashbyhq.com',
  // A board (with descriptions in HTML and plain text) comes in one answer: large bodies, few requests;
  // the posting API answers bursts with 429 and Retry-After.
  policy: { concurrency: 2, requestsPerSecond: 2, maxBodyBytes: 20 * 1024 * 1024 },
  create: ({ baseUrl }) => createAshbySource({ baseUrl }),
};
