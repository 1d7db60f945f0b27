import { isScrapeSource } from '@jobpipe/contracts';
import { unsafeUrlReason } from '@jobpipe/shared';
import type { CrmApiContext } from '../context.js';
import { type DiscoveredSource, SOURCE_DISPLAY_NAMES } from '../domain/source-discovery/discovered-source.js';
import { readPageMarkers } from '../domain/source-discovery/page-markers.js';
import { type Discovery, discoverFromPage, discoverFromUrl } from '../domain/source-discovery/resolve-source.js';
import { type SearchEntry, searchAlreadyReading, searchOffer } from '../domain/source-discovery/search-offer.js';
import { type PageFetcher, PageFetchRefused } from '../ports/page-fetcher.js';
import { ApiError } from './api-error.js';
import { currentConfig } from './config.js';

/** A URL to resolve to a job source. */
export interface ResolveSourceRequest {
  readonly url: string;
  /** Hosts the page may be read from although they are loopback, link-local or private. */
  readonly allowPrivateHosts?: readonly string[];
}

/** The answer: a source with the search to add, a source jobpipe does not read yet, or none. */
export type SourceResolution =
  | (DiscoveredSource & {
      readonly status: 'recognized';
      /** The search to add, ready for the config. */
      readonly search: SearchEntry;
      /** The search of the config that already reads this board or page. */
      readonly existingSearchId?: string;
    })
  | (DiscoveredSource & { readonly status: 'unsupported'; readonly reason: string })
  | { readonly status: 'not-recognized'; readonly reason: string };

/** What resolving needs: the stored config (for ids and searches already there) and a page fetcher. */
export type SourceDiscoveryContext = Pick<CrmApiContext, 'tables' | 'pages'>;

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml', '']);

/** Reads the page and discovers from its markers; a page that cannot be read is "not recognized" with why. */
async function discoverFromFetchedPage(
  pages: PageFetcher,
  url: URL,
  allowPrivateHosts: readonly string[],
  hint: Parameters<typeof discoverFromPage>[2],
): Promise<Discovery> {
  let page: Awaited<ReturnType<PageFetcher['fetchPage']>>;
  try {
    page = await pages.fetchPage(url.href, {
      allowPrivateHosts,
      stopAtRedirectTo: (target) => 'found' in discoverFromUrl(new URL(target)),
    });
  } catch (error) {
    if (error instanceof PageFetchRefused) throw new ApiError(400, 'unsafe_url', `refusing to read ${url.href}: ${error.message}`);
    return { notRecognized: `the page could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  const finalUrl = new URL(page.url);
  // A redirect to an ATS (a short link, a careers domain that forwards to the board) is read by its shape.
  const redirected = page.url !== url.href ? discoverFromUrl(finalUrl) : undefined;
  if (redirected && 'found' in redirected) return { found: { ...redirected.found, evidence: 'the URL it redirects to' } };
  if (page.status < 200 || page.status >= 300) return { notRecognized: `the page answered HTTP ${page.status}` };
  if (!HTML_TYPES.has(page.contentType)) return { notRecognized: `the page is ${page.contentType}, not an HTML page` };
  return discoverFromPage(finalUrl, readPageMarkers(page.body, finalUrl), hint);
}

/**
 * Finds the job source behind a careers page, job page or application URL — by the URL's shape first,
 * then by the page's markers (embedded board scripts and iframes, links, JSON-LD JobPosting) — and offers
 * the search to add. Reading the page follows the config's SSRF rules (400 `unsafe_url` for a host that
 * is not public and not in `allowPrivateHosts`); an ATS the scraper does not read yet is "unsupported";
 * a page with no source is "not recognized", each with the reason.
 */
export async function resolveSource(context: SourceDiscoveryContext, request: ResolveSourceRequest): Promise<SourceResolution> {
  let url: URL;
  try {
    url = new URL(request.url.trim());
  } catch {
    throw new ApiError(400, 'invalid_url', `'${request.url}' is not an absolute URL (write it with https://)`);
  }
  const allowPrivateHosts = request.allowPrivateHosts ?? [];
  const unsafe = unsafeUrlReason(url.href, allowPrivateHosts);
  if (unsafe) throw new ApiError(400, 'unsafe_url', `refusing to read ${url.href}: the URL ${unsafe}`);

  const fromUrl = discoverFromUrl(url);
  const discovery = 'found' in fromUrl ? fromUrl : await discoverFromFetchedPage(context.pages, url, allowPrivateHosts, fromUrl.hint);
  if ('notRecognized' in discovery) return { status: 'not-recognized', reason: discovery.notRecognized };

  const found = discovery.found;
  if (!isScrapeSource(found.source))
    return {
      status: 'unsupported',
      ...found,
      reason: `recognized ${SOURCE_DISPLAY_NAMES[found.source]}${found.board ? ` board '${found.board}'` : ''}, but jobpipe does not read ${SOURCE_DISPLAY_NAMES[found.source]} yet`,
    };
  const { searches } = (await currentConfig(context)).config;
  const existing = searchAlreadyReading(found, searches);
  const offer = searchOffer(found, searches);
  // A page read from a private host the caller allowed stays allowed in the search that reads it.
  const privatePage = found.pageUrl !== undefined && unsafeUrlReason(found.pageUrl) !== undefined;
  return {
    status: 'recognized',
    ...found,
    search: privatePage ? { ...offer, allowPrivateHosts: [new URL(found.pageUrl!).hostname.replace(/^\[(.*)\]$/, '$1')] } : offer,
    ...(existing ? { existingSearchId: existing.id } : {}),
  };
}
