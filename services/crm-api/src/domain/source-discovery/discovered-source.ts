/**
 * The applicant tracking systems (ATS) discovery recognizes. Each is a job source jobpipe reads, or
 * will read: whether the scraper reads it today is the contracts' `SCRAPE_SOURCES`, checked where an
 * offer is made, so an ATS recognized before its source lands is answered "not supported yet".
 */
export const DISCOVERABLE_ATS = [
  'greenhouse',
  'lever',
  'workday',
  'smartrecruiters',
  'ashby',
  'recruitee',
  'workable',
  'personio',
] as const;

/** One of {@link DISCOVERABLE_ATS}. */
export type DiscoverableAts = (typeof DISCOVERABLE_ATS)[number];

/** Every kind of source discovery can name: an ATS board, a national job portal, or a page with JSON-LD postings. */
export type DiscoveredSourceName = DiscoverableAts | 'mcf' | 'usajobs' | 'jsonld';

/** The names people know the sources by, for messages. */
export const SOURCE_DISPLAY_NAMES: Readonly<Record<DiscoveredSourceName, string>> = {
  greenhouse: 'Greenhouse',
  lever: 'Lever',
  workday: 'Workday',
  smartrecruiters: 'SmartRecruiters',
  ashby: 'Ashby',
  recruitee: 'Recruitee',
  workable: 'Workable',
  personio: 'Personio',
  mcf: 'MyCareersFuture',
  usajobs: 'USAJOBS',
  jsonld: 'schema.org JobPosting (JSON-LD)',
};

/**
 * A source found behind a URL: which source, and what a search of it needs — the board (ATS), the
 * keywords and location (job portals' search pages), or the page itself (JSON-LD).
 */
export interface DiscoveredSource {
  readonly source: DiscoveredSourceName;
  /** The board as the source's search names it (`acme`, `acme.wd5/Careers`). */
  readonly board?: string;
  readonly keywords?: string;
  readonly location?: string;
  /** The page a `jsonld` search reads. */
  readonly pageUrl?: string;
  /** How it was found, for the user: `URL pattern`, `embedded board script`, `link on the page`, `JSON-LD JobPosting`. */
  readonly evidence: string;
}
