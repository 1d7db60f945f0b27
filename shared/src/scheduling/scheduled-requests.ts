import type { DetailType, EventDataMap, JobpipeConfig } from '@jobpipe/contracts';
import type { OutgoingEvent } from '../ports/events.js';

/** One configured search (from the user's config). */
export type SearchConfig = JobpipeConfig['searches'][number];

/** A timed request, as the embedded scheduler and EventBridge Scheduler fire it. */
export type ScheduledRequest =
  | { readonly kind: 'scrape'; readonly search: SearchConfig }
  | { readonly kind: 'etl' }
  | { readonly kind: 'session-refresh'; readonly site: string };

function event<T extends DetailType>(detailType: T, data: EventDataMap[T]): OutgoingEvent {
  return { detailType, data } as OutgoingEvent;
}

/** The `scrape.requested` data for a configured search. */
export function scrapeRequestFor(
  search: SearchConfig,
  runId: string,
  requestedBy: 'schedule' | 'user' | 'cli',
): EventDataMap['scrape.requested'] {
  const { id, source, keywords, location, minSalary, boards, urls, followLinks, maxPages, useBrowser } = search;
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
  }
}
