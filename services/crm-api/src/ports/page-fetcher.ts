/** A web page read for discovery. */
export interface FetchedPage {
  /** The URL the page was finally read from (after redirects). */
  readonly url: string;
  readonly status: number;
  /** The media type, lower case, without parameters (`text/html`). */
  readonly contentType: string;
  readonly body: string;
}

/** What the fetch may reach beside public hosts. */
export interface PageFetchOptions {
  /** Hosts that may be loopback, link-local or private (an intranet careers page, a local test server). */
  readonly allowPrivateHosts: readonly string[];
  /**
   * Redirect targets the caller can answer from the URL alone (an ATS board): not fetched; the answer is
   * the redirect itself (its status, `url` the target, no body).
   */
  readonly stopAtRedirectTo?: (url: string) => boolean;
}

/**
 * A fetch refused before it was made (the host, or an address it resolves to, is not public and not
 * allowed; a redirect leads to such a host): the caller's URL is at fault.
 */
export class PageFetchRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PageFetchRefused';
  }
}

/**
 * Reads one page for source discovery. Implementations refuse (with {@link PageFetchRefused}) any
 * URL, redirect or resolved address that is not on the public internet unless its host is allowed,
 * and bound the time and size of the read; other failures (network, timeout, too large) throw plain errors.
 */
export interface PageFetcher {
  fetchPage(url: string, options: PageFetchOptions): Promise<FetchedPage>;
}
