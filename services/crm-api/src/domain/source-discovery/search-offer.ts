import type { JobpipeConfig } from '@jobpipe/contracts';
import type { DiscoveredSource } from './discovered-source.js';

/** One search of the config. */
export type SearchEntry = JobpipeConfig['searches'][number];

/** When an offered search runs unless the user says otherwise: daily, as the example config's boards do. */
export const DEFAULT_DISCOVERED_SCHEDULE = '0 8 * * *';

/** A search id (`^[a-z0-9-]{1,64}$`) made of words: lower case, other characters folded to `-`. */
function idPart(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `base`, or `base-2`, `base-3`, … whichever no search of the config uses yet. */
function freeId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.slice(0, 58).replace(/-+$/, '') || 'discovered';
  if (!taken.has(stem)) return stem;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${stem}-${suffix}`)) return `${stem}-${suffix}`;
}

function namePart(found: DiscoveredSource): string {
  if (found.board) return idPart(found.board);
  if (found.pageUrl) return idPart(new URL(found.pageUrl).hostname.replace(/^www\./, ''));
  return idPart(found.keywords ?? '') || 'search';
}

/**
 * The search to add for a discovered source, ready for the config: an id no search uses yet
 * (`<source>-<board>`), the board, search terms or page (with its host as the search's `allowHosts`),
 * and the default schedule.
 */
export function searchOffer(found: DiscoveredSource, searches: readonly SearchEntry[]): SearchEntry {
  const id = freeId(`${found.source}-${namePart(found)}`, new Set(searches.map((search) => search.id)));
  const fields: Partial<SearchEntry> = {
    ...(found.board ? { boards: [found.board] } : {}),
    ...(found.keywords ? { keywords: found.keywords } : {}),
    ...(found.location ? { location: found.location } : {}),
    // The page's host goes on the scraper's allowlist for this search only, as the user adds it.
    ...(found.pageUrl ? { urls: [found.pageUrl], allowHosts: [new URL(found.pageUrl).host] } : {}),
  };
  return { id, source: found.source as SearchEntry['source'], ...fields, schedule: DEFAULT_DISCOVERED_SCHEDULE };
}

/** The search of the config that already reads the discovered board or page, if one does. */
export function searchAlreadyReading(found: DiscoveredSource, searches: readonly SearchEntry[]): SearchEntry | undefined {
  return searches.find(
    (search) =>
      search.source === found.source &&
      ((found.board !== undefined && (search.boards ?? []).some((board) => board.toLowerCase() === found.board!.toLowerCase())) ||
        (found.pageUrl !== undefined && (search.urls ?? []).includes(found.pageUrl))),
  );
}
