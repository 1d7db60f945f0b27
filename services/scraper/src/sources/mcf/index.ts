import type { ScraperSourceModule } from '../source-module.js';
import { createMcfSource } from './mcf-source.js';

/** MyCareersFuture (Singapore): keyless paged search, then one detail per posting. */
export const mcfModule: ScraperSourceModule = {
  name: 'mcf',
  liveBaseUrl: 'https://api.mycareersfuture.gov.sg',
  policy: { pageSize: 100 },
  create: ({ baseUrl }) => createMcfSource({ baseUrl }),
};
