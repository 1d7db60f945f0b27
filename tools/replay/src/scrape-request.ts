import type { ScrapeRequestedV1, ScrapeSource } from '@jobpipe/contracts';

/** What a `scrape.requested` event asks for: the replay hands out the requests that read all it serves. */
export type ScrapeRequest = ScrapeRequestedV1['data'];

/** A source the replay stands in for (the contracts' scrape sources). */
export type SourceName = ScrapeSource;
