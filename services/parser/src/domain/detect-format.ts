import { SCRAPE_SOURCES, type ScrapeSource } from '@jobpipe/contracts';
import { list, record } from './extractors/json-fields.js';
import { findJobPostings } from './extractors/jsonld.js';

/** A raw-body format the parser reads: one per source, plus JSON-LD for any page. */
export type RawFormat = ScrapeSource;

/** The raw formats, for CLI validation. */
export const RAW_FORMATS: readonly RawFormat[] = SCRAPE_SOURCES;

/** The postings a JSON document holds, and in which source's format. */
export interface JsonPostings {
  readonly format: RawFormat;
  /** What the document is, for messages ("MCF /v2/search response"). */
  readonly shape: string;
  readonly items: Record<string, unknown>[];
}

const objects = (values: unknown): Record<string, unknown>[] =>
  list(values)
    .map(record)
    .filter((entry): entry is Record<string, unknown> => entry !== undefined);

const isLeverPosting = (node: Record<string, unknown>) => 'hostedUrl' in node || ('text' in node && 'categories' in node);
const isMcfJob = (node: Record<string, unknown>) =>
  typeof node.uuid === 'string' && ('postedCompany' in node || 'metadata' in node || 'salary' in node);

function hasJsonLdMarkers(document: unknown): boolean {
  const first = record(list(document)[0]);
  return first !== undefined && ('@context' in first || '@type' in first || '@graph' in first);
}

/**
 * Reads which source's format a JSON document is in and lists its postings: a single posting as the
 * scraper stores it, or a whole search/list response (MCF /v2/search, USAJOBS search, Greenhouse jobs
 * list, Lever postings array), or a JSON-LD document. Undefined when it is none of these.
 */
export function detectJsonPostings(document: unknown): JsonPostings | undefined {
  if (hasJsonLdMarkers(document)) return { format: 'jsonld', shape: 'JSON-LD document', items: findJobPostings([document]) };
  if (Array.isArray(document)) {
    const items = objects(document);
    if (items.length === 0 || items.every(isLeverPosting)) return { format: 'lever', shape: 'Lever postings array', items };
    return undefined;
  }
  const node = record(document);
  if (!node) return undefined;
  const searchResult = record(node.SearchResult);
  if (searchResult) return { format: 'usajobs', shape: 'USAJOBS search response', items: objects(searchResult.SearchResultItems) };
  if ('MatchedObjectDescriptor' in node) return { format: 'usajobs', shape: 'USAJOBS search result item', items: [node] };
  if (Array.isArray(node.results) && ('_links' in node || objects(node.results).some(isMcfJob))) {
    return { format: 'mcf', shape: 'MCF /v2/search response', items: objects(node.results) };
  }
  if (isMcfJob(node)) return { format: 'mcf', shape: 'MCF job', items: [node] };
  if (Array.isArray(node.jobs)) return { format: 'greenhouse', shape: 'Greenhouse jobs list', items: objects(node.jobs) };
  if ('absolute_url' in node) return { format: 'greenhouse', shape: 'Greenhouse job', items: [node] };
  if (isLeverPosting(node)) return { format: 'lever', shape: 'Lever posting', items: [node] };
  return undefined;
}
