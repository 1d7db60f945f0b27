import type { ScraperSourceModule } from '../source-module.js';
import { createSmartRecruitersSource } from './smartrecruiters-source.js';

/** SmartRecruiters Posting API: paged list per company, then one detail per posting. */
export const smartrecruitersModule: ScraperSourceModule = {
  name: 'smartrecruiters',
  liveBaseUrl: 'https://api.smartrecruiters.com',
  // Pages of up to 100; the public API answers busy clients with 429 and Retry-After.
  policy: { concurrency: 3, requestsPerSecond: 4, pageSize: 100 },
  create: ({ baseUrl }) => createSmartRecruitersSource({ baseUrl }),
};
