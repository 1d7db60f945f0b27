import { externalIdOfPage } from '@jobpipe/contracts';
import { PermanentError } from '@jobpipe/shared';
import { selectAll } from 'css-select';
import type { Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { SourceRequestError } from '../../adapters/source-http.js';
import { type Source, type SourceRun, validatorsOf } from '../source.js';

/** A page rendered by a real browser (the Selenium fallback). */
export interface RenderedPage {
  /** Where the browser ended up (after redirects and scripts). */
  readonly url: string;
  readonly html: string;
}

/** A browser session that renders pages one at a time. */
export interface PageRenderer {
  render(url: string): Promise<RenderedPage>;
  close(): Promise<void>;
}

/**
 * Pages carrying schema.org JobPosting JSON-LD: the request's `urls` are posting pages, or — with
 * `followLinks`, a CSS selector — search pages whose matching links lead to the posting pages. Each
 * posting page's HTML is the raw body. With `useBrowser` pages are rendered in headless Chromium.
 * Every URL, given or followed, must pass the source's host allowlist or the search's own `allowHosts`;
 * the browser is held to the same hosts.
 */
export function createJsonLdSource(options: { openBrowser: (searchHosts: readonly string[]) => Promise<PageRenderer> }): Source {
  return {
    name: 'jsonld',
    async scrape(run: SourceRun) {
      const { request, http } = run;
      const urls = request.urls ?? [];
      if (urls.length === 0) throw new PermanentError('REQUEST_INVALID', 'jsonld: the request names no urls');
      const browser = request.useBrowser ? await options.openBrowser(request.allowHosts ?? []) : undefined;
      try {
        const fetchHtml = async (
          url: string,
        ): Promise<{ url: string; html: Buffer; etag?: string; lastModified?: string } | 'not-modified'> => {
          http.assertAllowed(url);
          if (browser) {
            const page = await browser.render(url);
            http.assertAllowed(page.url);
            const html = Buffer.from(page.html);
            if (html.length > http.policy.maxBodyBytes) {
              throw new SourceRequestError('BODY_TOO_LARGE', `jsonld: rendered page exceeds ${http.policy.maxBodyBytes} bytes`, false);
            }
            return { url, html };
          }
          const response = await run.conditionalGet(url);
          if (response.kind === 'not-modified') return 'not-modified';
          return { url, html: response.body, ...validatorsOf(response) };
        };

        let pages = urls;
        if (request.followLinks) {
          const followed = new Set<string>();
          for (const searchUrl of urls.slice(0, run.maxPages)) {
            // Search pages are read whole every time: their links are what change.
            http.assertAllowed(searchUrl);
            const html = browser ? (await browser.render(searchUrl)).html : await searchPageHtml(run, searchUrl);
            for (const link of linksMatching(html, request.followLinks, searchUrl)) {
              if (http.allowlist.allows(link)) followed.add(link);
              else run.failed(`link ${link}`, new SourceRequestError('HOST_NOT_ALLOWED', 'followed link leads off the allowlist', false));
            }
          }
          pages = [...followed];
        }
        run.found(pages.length);
        await run.forEach(
          pages,
          (url) => `jsonld page ${url}`,
          async (url) => {
            const externalId = externalIdOfPage(url);
            const page = await fetchHtml(url);
            if (page === 'not-modified') return run.notModified(externalId);
            const { html, ...validators } = page;
            await run.emit({ ...validators, externalId, body: html, contentType: 'text/html' });
          },
        );
      } finally {
        await browser?.close();
      }
    },
  };
}

async function searchPageHtml(run: SourceRun, url: string): Promise<string> {
  const response = await run.send({ url });
  if (response.kind !== 'body') throw new Error(`jsonld search page ${url}: no body`);
  return response.body.toString('utf8');
}

/** Absolute http(s) URLs of the elements matching `selector` (their href), in page order, without fragments. */
export function linksMatching(html: string, selector: string, pageUrl: string): string[] {
  const document = parseDocument(html);
  const links: string[] = [];
  for (const element of selectAll(selector, document) as unknown as Element[]) {
    const href = element.attribs?.href;
    if (!href) continue;
    try {
      const absolute = new URL(href, pageUrl);
      if (absolute.protocol !== 'http:' && absolute.protocol !== 'https:') continue;
      absolute.hash = '';
      links.push(absolute.href);
    } catch {
      // An unparseable href is not a link to follow.
    }
  }
  return links;
}
