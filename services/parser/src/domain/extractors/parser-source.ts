import type { ScrapeSource } from '@jobpipe/contracts';
import type { ExtractedPosting } from '../extracted-posting.js';
import { list, record } from './json-fields.js';

/** The postings a JSON document holds, and in which source's format. */
export interface JsonPostings {
  readonly format: ScrapeSource;
  /** What the document is, for messages ("MCF /v2/search response"). */
  readonly shape: string;
  readonly items: Record<string, unknown>[];
}

/**
 * One source, as the parser knows it: registered once in `registry.ts`. `detect` recognises a JSON
 * document in the source's format (one posting as the scraper stores it, or a whole list answer);
 * `extract` reads one posting of it.
 */
export interface ParserSourceModule {
  readonly name: ScrapeSource;
  detect(document: unknown): JsonPostings | undefined;
  extract(node: Record<string, unknown>, url: string | null): ExtractedPosting;
}

/** The objects of a list (anything else dropped). */
export const objects = (values: unknown): Record<string, unknown>[] =>
  list(values)
    .map(record)
    .filter((entry): entry is Record<string, unknown> => entry !== undefined);
