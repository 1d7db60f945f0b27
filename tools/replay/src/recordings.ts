import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the recorded responses live (inside the package, so the offline demo needs nothing else). */
export const RECORDINGS_DIR = join(import.meta.dirname, '..', 'recordings');

/** The recorded responses of every source, as the sources sent them. */
export interface Recordings {
  readonly mcfSearch: { results: Record<string, unknown>[]; [key: string]: unknown };
  /** MCF detail bodies by uuid (raw text). */
  readonly mcfDetails: ReadonlyMap<string, string>;
  readonly usajobsSearch: {
    SearchResult: { SearchResultItems: Record<string, unknown>[]; [key: string]: unknown };
    [key: string]: unknown;
  };
  readonly greenhouseBoard: { jobs: Record<string, unknown>[] };
  readonly leverPostings: Record<string, unknown>[];
  /** JSON-LD posting pages by file name. */
  readonly jsonldPages: ReadonlyMap<string, string>;
  /** The search page listing posting pages (`a.job-link` inside `ul.results`). */
  readonly jsonldSearchPage: string;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(RECORDINGS_DIR, path), 'utf8')) as T;

/** Loads the recordings from disk. */
export function loadRecordings(): Recordings {
  const mcfDetails = new Map<string, string>();
  for (const file of readdirSync(join(RECORDINGS_DIR, 'mcf')).filter((name) => /^job-[a-f0-9]+\.json$/.test(name))) {
    mcfDetails.set(file.slice(4, -5), readFileSync(join(RECORDINGS_DIR, 'mcf', file), 'utf8'));
  }
  const jsonldPages = new Map<string, string>();
  for (const file of readdirSync(join(RECORDINGS_DIR, 'jsonld')).filter((name) => name.startsWith('posting-'))) {
    jsonldPages.set(file, readFileSync(join(RECORDINGS_DIR, 'jsonld', file), 'utf8'));
  }
  return {
    mcfSearch: readJson('mcf/search-3results.json'),
    mcfDetails,
    usajobsSearch: readJson('usajobs/search-2items.json'),
    greenhouseBoard: readJson('greenhouse/board-jobs-content.json'),
    leverPostings: readJson('lever/postings.json'),
    jsonldPages,
    jsonldSearchPage: readFileSync(join(RECORDINGS_DIR, 'jsonld', 'search.html'), 'utf8'),
  };
}
