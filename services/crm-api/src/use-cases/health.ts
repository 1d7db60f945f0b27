import type { CrmApiContext } from '../context.js';

/** What GET /health reports: the API is up, and what it holds. */
export interface ApiHealth {
  readonly status: 'ok';
  /** Jobs in the read model. */
  readonly jobs: number;
  /** Whether an analytics snapshot is loaded. */
  readonly analytics: boolean;
  readonly liveStreams: number;
}

/** The API's health and what it holds. */
export async function apiHealth(context: Pick<CrmApiContext, 'readModel' | 'analytics' | 'live'>): Promise<ApiHealth> {
  return {
    status: 'ok',
    jobs: await context.readModel.count(),
    analytics: await context.analytics.available(),
    liveStreams: context.live.listeners,
  };
}
