import { PermanentError } from '@jobpipe/shared';
import type { ScraperSourceModule } from '../source-module.js';
import { createUsajobsSource } from './usajobs-source.js';

/** USAJOBS Search API: keyed (email as User-Agent, key from config or the secret store). */
export const usajobsModule: ScraperSourceModule = {
  name: 'usajobs',
  liveBaseUrl: 'https://data.usajobs.gov',
  // USAJOBS allows up to 500 results per page; its terms ask for modest request rates.
  policy: { concurrency: 2, requestsPerSecond: 2, pageSize: 500, conditionalRequests: false },
  create: ({ baseUrl, config, secrets }) =>
    createUsajobsSource({
      baseUrl,
      credentials: {
        email: config.usajobs.email ?? '',
        apiKey: async () => {
          if (!config.usajobs.email)
            throw new PermanentError('USAJOBS_EMAIL_MISSING', 'set JOBPIPE_SCRAPER_USAJOBS_EMAIL (USAJOBS wants it as User-Agent)');
          const key = config.usajobs.apiKey ?? (await secrets().get(config.usajobs.apiKeySecret));
          if (!key) {
            throw new PermanentError(
              'USAJOBS_KEY_MISSING',
              `no USAJOBS key: put it in the secret store as '${config.usajobs.apiKeySecret}' or set JOBPIPE_SCRAPER_USAJOBS_API_KEY`,
            );
          }
          return key;
        },
      },
    }),
};
