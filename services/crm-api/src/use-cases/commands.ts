import type { EtlKind } from '@jobpipe/contracts';
import { scrapeRequestFor } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import { ApiError } from './api-error.js';
import { currentConfig } from './config.js';

/** A scrape run asked for: its id and the searches it covers. */
export interface RequestedScrape {
  readonly runId: string;
  readonly searches: { searchId: string; source: string }[];
}

/**
 * Asks the scraper to run the configured searches now (or the one named): one `scrape.requested` per
 * search, sharing a run id. 404 for an unknown search, 409 when the config has none.
 */
export async function requestScrape(context: CrmApiContext, searchId: string | undefined): Promise<RequestedScrape> {
  const { config } = await currentConfig(context);
  const searches = searchId ? config.searches.filter((search) => search.id === searchId) : config.searches;
  if (searchId && searches.length === 0) throw new ApiError(404, 'search_not_found', `no search '${searchId}' in the config`);
  if (searches.length === 0) throw new ApiError(409, 'no_searches', 'the config has no searches yet: add some with PUT /config/searches');
  const runId = context.ids.uuid();
  // The request carries what the scraper needs of each search, as a scheduled run's does (not the
  // config-only fields: its schedule, the private hosts PUT /config allowed).
  await context.publisher.publish(
    searches.map((search) => ({ detailType: 'scrape.requested' as const, data: scrapeRequestFor(search, runId, 'user') })),
  );
  return { runId, searches: searches.map((search) => ({ searchId: search.id, source: search.source })) };
}

/** Asks the etl to rebuild (or update) the analytics database now (`etl.requested`). */
export async function requestEtl(context: CrmApiContext, kind: EtlKind): Promise<{ requestId: string; kind: EtlKind }> {
  const requestId = context.ids.uuid();
  await context.publisher.publish([
    { detailType: 'etl.requested', data: { requestId, kind, requestedAt: context.clock.now().toISOString() } },
  ]);
  return { requestId, kind };
}

/**
 * The user fixed what blocked a site (its credentials or TOTP secret): asks the auth-refresher to lift
 * the block and log in now (`session.refresh-requested` with reason `unblocked`); applications waiting
 * for the site's session go on once it answers.
 */
export async function requestSiteUnblock(context: CrmApiContext, site: string): Promise<{ site: string; requestedAt: string }> {
  const requestedAt = context.clock.now().toISOString();
  await context.publisher.publish([{ detailType: 'session.refresh-requested', data: { site, reason: 'unblocked', requestedAt } }]);
  return { site, requestedAt };
}
