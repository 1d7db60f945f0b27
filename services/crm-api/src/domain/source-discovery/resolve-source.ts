import { type DiscoveredSource, SOURCE_DISPLAY_NAMES } from './discovered-source.js';
import type { BoardMarker, MarkerKind, PageMarkers } from './page-markers.js';
import { matchSourceUrl, type UrlPatternMatch } from './source-url-patterns.js';

/** A source found, or why none was. */
export type Discovery = { readonly found: DiscoveredSource } | { readonly notRecognized: string };

/** What the URL's shape alone says: a source, or that the page must be read (with what the shape did say). */
export type UrlDiscovery = { readonly found: DiscoveredSource } | { readonly readPage: true; readonly hint?: UrlPatternMatch };

/** Marker kinds from the one that names a page's own board most surely. */
const MARKER_STRENGTH: readonly MarkerKind[] = ['canonical link', 'embedded board', 'link'];

const EVIDENCE: Readonly<Record<MarkerKind, string>> = {
  'canonical link': "the page's canonical link",
  'embedded board': 'a board embedded in the page (script or iframe)',
  link: 'links on the page',
};

/**
 * Discovery from the URL alone (URL patterns first): an ATS board, application or job URL names its
 * board; a job portal's URL names the portal and, on its search pages, the terms. Any other URL — or
 * a known source's URL that names no board — needs its page read.
 */
export function discoverFromUrl(url: URL): UrlDiscovery {
  const found = matchSourceUrl(url);
  if (found?.kind === 'match') {
    const { kind: _kind, ...fields } = found;
    return { found: { ...fields, evidence: 'the URL' } };
  }
  return found ? { readPage: true, hint: found } : { readPage: true };
}

/** The board the page names most surely: by marker kind, then how often, then first seen. */
function strongestBoard(boards: readonly BoardMarker[]): BoardMarker | undefined {
  for (const kind of MARKER_STRENGTH) {
    const ofKind = boards.filter((marker) => marker.kind === kind);
    if (ofKind.length === 0) continue;
    const counts = new Map<string, { marker: BoardMarker; count: number }>();
    for (const marker of ofKind) {
      const key = `${marker.source} ${marker.board}`;
      const seen = counts.get(key);
      counts.set(key, { marker, count: (seen?.count ?? 0) + 1 });
    }
    return [...counts.values()].reduce((best, next) => (next.count > best.count ? next : best)).marker;
  }
  return undefined;
}

/**
 * Discovery from a page's markers: a board of a known ATS the page embeds or points at (an ATS's API
 * is read whole and reliably, so it wins over the page's own JSON-LD), else the page itself when it
 * carries schema.org `JobPosting` JSON-LD, else "not recognized" saying what was looked for.
 */
export function discoverFromPage(pageUrl: URL, markers: PageMarkers, hint?: UrlPatternMatch): Discovery {
  const board = strongestBoard(markers.boards);
  if (board) return { found: { source: board.source as DiscoveredSource['source'], board: board.board, evidence: EVIDENCE[board.kind] } };
  if (markers.jobPostings > 0)
    return {
      found: { source: 'jsonld', pageUrl: pageUrl.href, evidence: `${markers.jobPostings} JSON-LD JobPosting object(s) on the page` },
    };
  if (hint?.kind === 'incomplete')
    return {
      notRecognized: `the URL is on ${SOURCE_DISPLAY_NAMES[hint.source]}'s site but names no board: it needs ${hint.missing}, and the page does not name one either`,
    };
  return {
    notRecognized:
      'no job source found: the URL matches no known ATS or job portal, and the page neither embeds nor links to a board of one (Greenhouse, Lever, Workday, SmartRecruiters, Ashby, Recruitee, Workable, Personio) nor carries a schema.org JobPosting in JSON-LD',
  };
}
