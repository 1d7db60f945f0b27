import type { ScraperSourceModule } from '../source-module.js';
import { createWorkdaySource } from './workday-source.js';

/** Workday career sites (candidate-experience API): paged POST search, then one detail per posting. */
export const workdayModule: ScraperSourceModule = {
  name: 'workday',
  // Each employer's site lives on its own subdomain (`<tenant>.<wdN>.myworkdayjobs.com`).
  liveBaseUrl: 'https://myworkdayjobs.com',
  defaultHosts: ['*.myworkdayjobs.com'],
  // Workday pages by 20 at most (2,000 results a search: 100 pages a slice) and throttles busy clients
  // with 429s: a modest pace, many small requests.
  policy: { concurrency: 3, requestsPerSecond: 3, pageSize: 20, maxPages: 100 },
  create: ({ baseUrl }) => createWorkdaySource({ baseUrl }),
};
