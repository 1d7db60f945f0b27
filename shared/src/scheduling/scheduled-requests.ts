import type { DetailType, EventDataMap, JobpipeConfig } from '@jobpipe/contracts';
import type { OutgoingEvent } from '../ports/events.js';

/** One configured search (from the user's config). */
export type SearchConfig = JobpipeConfig['searches'][number];

/** A timed request, as the embedded scheduler and EventBridge Scheduler fire it. */
export type ScheduledRequest =
  | { readonly kind: 'scrape'; readonly search: SearchConfig }
  | { readonly kind: 'etl' }
  | { readonly kind: 'session-refresh'; readonly site: string }
  | { readonly kind: 'digest' };

/** When the notifier's daily digest goes out if the config's `notifications.digestSchedule` names no time (UTC). */
export const DEFAULT_DIGEST_CRON = '0 7 * * *';

function event<T extends DetailType>(detailType: T, data: EventDataMap[T]): OutgoingEvent {
  return { detailType, data } as OutgoingEvent;
}

/** The `scrape.requested` data for a configured search. */
export function scrapeRequestFor(
  search: SearchConfig,
  runId: string,
  requestedBy: 'schedule' | 'user' | 'cli',
): EventDataMap['scrape.requested'] {
  const { id, source, keywords, location, minSalary, boards, urls, allowHosts, followLinks, maxPages, useBrowser } = search;
  return Object.fromEntries(
    Object.entries({
      searchId: id,
      source,
      runId,
      requestedBy,
      keywords,
      location,
      minSalary,
      boards,
      urls,
      allowHosts,
      followLinks,
      maxPages,
      useBrowser,
    }).filter(([, value]) => value !== undefined),
  ) as EventDataMap['scrape.requested'];
}

/** The event a scheduled request publishes (`runId` makes each firing distinct). */
export function eventForScheduledRequest(request: ScheduledRequest, runId: string, now: Date): OutgoingEvent {
  switch (request.kind) {
    case 'scrape':
      return event('scrape.requested', scrapeRequestFor(request.search, runId, 'schedule'));
    case 'etl':
      return event('etl.requested', { requestId: runId, kind: 'full', requestedAt: now.toISOString() });
    case 'session-refresh':
      return event('session.refresh-requested', { site: request.site, reason: 'scheduled', requestedAt: now.toISOString() });
    case 'digest':
      return event('notification.digest-requested', { requestId: runId, requestedAt: now.toISOString() });
  }
}

/**
 * A scheduled scrape as the stored config now states its search: the schedule was made from the config
 * at deploy time, and the user may have changed the search through the API since. Undefined when the
 * stored config no longer has the search (nothing to fire); other requests, and any request while
 * nothing is stored yet, are returned as they are.
 */
export function withStoredSearch(request: ScheduledRequest, stored: JobpipeConfig | undefined): ScheduledRequest | undefined {
  if (request.kind !== 'scrape' || !stored) return request;
  const search = stored.searches.find((candidate) => candidate.id === request.search.id);
  return search ? { kind: 'scrape', search } : undefined;
}
