import type { ScraperSourceModule } from '../source-module.js';
import { createRecruiteeSource, RECRUITEE_DOMAIN } from './recruitee-source.js';

/** Recruitee careers sites: every published offer of a company in one answer. */
export const recruiteeModule: ScraperSourceModule = {
  name: 'recruitee',
  // Each company's careers site is its own subdomain (`<company>.recruitee.com`).
  liveBaseUrl: `https://${RECRUITEE_DOMAIN}`,
  defaultHosts: [`*.${RECRUITEE_DOMAIN}`],
  // A whole site (offers with descriptions) in one answer: large bodies, few requests; Recruitee answers
  // bursts with 429 and Retry-After.
  policy: { concurrency: 2, requestsPerSecond: 2, maxBodyBytes: 20 * 1024 * 1024 },
  create: ({ baseUrl }) => createRecruiteeSource({ baseUrl }),
};
