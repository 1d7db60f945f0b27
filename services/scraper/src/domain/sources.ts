import { SCRAPE_SOURCES, type ScrapeRequestedV1, type ScrapeSource } from '@jobpipe/contracts';

/** What a `scrape.requested` event asks for. */
export type ScrapeRequest = ScrapeRequestedV1['data'];

/** A source the scraper can read (the contracts' scrape sources). */
export type SourceName = ScrapeSource;

/** Every source, in a stable order. */
export const SOURCE_NAMES: readonly SourceName[] = SCRAPE_SOURCES;

/** Board tokens, company slugs and posting ids become URL path segments: only safe characters pass. */
export function isSafePathSegment(value: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(value) && !value.includes('..');
}
