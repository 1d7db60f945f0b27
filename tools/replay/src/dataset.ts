import { generatePostings } from './generator.js';
import { loadRecordings } from './recordings.js';
import type { SourceName } from './scrape-request.js';
import { SeededRandom } from './seeded-random.js';

/** One posting the replay serves, and whether the parser should reject it. */
export interface ReplayPosting {
  readonly source: SourceName;
  /** The external id the scraper will use (JSON-LD: filled in once the server knows its URL). */
  externalId: string;
  /** Deliberately broken: the parser must dead-letter it. */
  readonly broken: boolean;
  /** What is broken, for test messages. */
  readonly brokenReason?: string;
  /** JSON-LD only: the page path. */
  readonly path?: string;
}

/** Everything the replay serves, per source, in each source's real format. */
export interface ReplayDataset {
  /** MCF search summaries, in listing order. */
  readonly mcfSummaries: Record<string, unknown>[];
  /** MCF detail bodies by uuid. */
  readonly mcfDetails: Map<string, string>;
  readonly usajobsItems: Record<string, unknown>[];
  /** Template of the USAJOBS answer (everything but the items and paging). */
  readonly usajobsTemplate: Record<string, unknown>;
  readonly greenhouseBoards: Map<string, Record<string, unknown>[]>;
  readonly leverCompanies: Map<string, Record<string, unknown>[]>;
  /** JSON-LD pages by path (`/jobs/<name>.html`). */
  readonly pages: Map<string, string>;
  /** The recorded search page, used as the template of the served one. */
  readonly searchPageTemplate: string;
  readonly postings: ReplayPosting[];
}

/** How much to generate. */
export interface DatasetOptions {
  /** Generated postings across all sources, on top of the recorded ones. */
  readonly postings: number;
  /** How many of the generated postings are deliberately broken (spread over the sources). */
  readonly broken?: number;
  /** Serve the recorded real samples too (default true). */
  readonly includeRecordings?: boolean;
  readonly seed?: number;
}

/** Builds the dataset: the recorded samples plus N generated postings in the same formats. */
export function buildDataset(options: DatasetOptions): ReplayDataset {
  const recordings = loadRecordings();
  const includeRecordings = options.includeRecordings ?? true;
  const { SearchResult, ...usajobsTemplate } = recordings.usajobsSearch;
  const dataset: ReplayDataset = {
    mcfSummaries: [],
    mcfDetails: new Map(),
    usajobsItems: [],
    usajobsTemplate: { ...usajobsTemplate, SearchResult: { ...SearchResult, SearchResultItems: [] } },
    greenhouseBoards: new Map(),
    leverCompanies: new Map(),
    pages: new Map(),
    searchPageTemplate: recordings.jsonldSearchPage,
    postings: [],
  };
  if (includeRecordings) {
    for (const summary of recordings.mcfSearch.results) {
      const uuid = String(summary.uuid);
      const detail = recordings.mcfDetails.get(uuid);
      if (!detail) continue;
      dataset.mcfSummaries.push(summary);
      dataset.mcfDetails.set(uuid, detail);
      dataset.postings.push({ source: 'mcf', externalId: uuid, broken: false });
    }
    for (const item of SearchResult.SearchResultItems) {
      dataset.usajobsItems.push(item);
      dataset.postings.push({ source: 'usajobs', externalId: String(item.MatchedObjectId), broken: false });
    }
    dataset.greenhouseBoards.set('vercel', [...recordings.greenhouseBoard.jobs]);
    for (const job of recordings.greenhouseBoard.jobs)
      dataset.postings.push({ source: 'greenhouse', externalId: String(job.id), broken: false });
    dataset.leverCompanies.set('northwind', [...recordings.leverPostings]);
    for (const posting of recordings.leverPostings)
      dataset.postings.push({ source: 'lever', externalId: String(posting.id), broken: false });
    for (const [file, html] of recordings.jsonldPages) {
      dataset.pages.set(`/jobs/${file}`, html);
      dataset.postings.push({ source: 'jsonld', externalId: '', broken: false, path: `/jobs/${file}` });
    }
  }
  generatePostings(dataset, recordings, new SeededRandom(options.seed ?? 42), options.postings, options.broken ?? 0);
  return dataset;
}
