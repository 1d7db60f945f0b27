import { SCRAPE_SOURCES, type ScrapeSource } from '@jobpipe/contracts';
import type { JsonPostings } from './extractors/parser-source.js';
import { PARSER_SOURCES } from './extractors/registry.js';

export type { JsonPostings } from './extractors/parser-source.js';

/** A raw-body format the parser reads: one per source, plus JSON-LD for any page. */
export type RawFormat = ScrapeSource;

/** The raw formats, for CLI validation. */
export const RAW_FORMATS: readonly RawFormat[] = SCRAPE_SOURCES;

/**
 * Reads which source's format a JSON document is in and lists its postings: a single posting as the
 * scraper stores it, or a whole search/list response, or a JSON-LD document — asking the expected
 * source first, then every registered source in detection order. Undefined when it is none of these.
 */
export function detectJsonPostings(document: unknown, expected?: RawFormat): JsonPostings | undefined {
  if (expected) {
    const found = PARSER_SOURCES[expected].detect(document);
    if (found) return found;
  }
  for (const source of Object.values(PARSER_SOURCES)) {
    const found = source.detect(document);
    if (found) return found;
  }
  return undefined;
}
