import type { ScraperSourceModule } from '../source-module.js';
import { createWorkableSource } from './workable-source.js';

/** Workable careers pages: the account widget's job list, then one detail per job. */
export const workableModule: ScraperSourceModule = {
  name: 'workable',
  liveBaseUrl: 'https://apply.workable.com',
  // One list and one detail request per job on a shared host that throttles busy clients (429 with
  // Retry-After): a modest pace.
  policy: { concurrency: 2, requestsPerSecond: 2 },
  create: ({ baseUrl }) => createWorkableSource({ baseUrl }),
};
