import { type LookupAddress, lookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { unsafeAddressReason, unsafeUrlReason } from '@jobpipe/shared';
import { type FetchedPage, type PageFetcher, type PageFetchOptions, PageFetchRefused } from '../ports/page-fetcher.js';

/** Bounds of one page read: discovery reads one page per request, politely and briefly. */
export interface PageFetchLimits {
  /** The whole read, redirects included. */
  readonly timeoutMs: number;
  /** Bytes of body read at most; a larger page is refused. */
  readonly maxBytes: number;
  readonly maxRedirects: number;
}

/** 10 s, 3 MB (the scraper's cap for pages), 5 redirects. */
export const DEFAULT_PAGE_FETCH_LIMITS: PageFetchLimits = { timeoutMs: 10_000, maxBytes: 3 * 1024 * 1024, maxRedirects: 5 };

const USER_AGENT = 'jobpipe-source-discovery/1 (reads one careers page the user named)';

/** A DNS lookup that refuses addresses off the public internet, so a public name cannot lead to a private one. */
function guardedLookup(resolveName: typeof lookup, allowPrivateHosts: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    resolveName(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses as LookupAddress[];
      const refused = list.map((entry) => unsafeAddressReason(hostname, entry.address, allowPrivateHosts)).find(Boolean);
      if (refused) return callback(new PageFetchRefused(refused), '', 4);
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
      callback(null, first.address, first.family);
    });
  };
}

function get(url: URL, options: RequestOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = send(url, options, resolve);
    outgoing.on('error', reject);
    outgoing.end();
  });
}

async function readBody(response: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      response.destroy();
      throw new Error(`the page is larger than ${Math.ceil(maxBytes / 1024)} KB`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads a page over node:http(s) with the SSRF rules of the config's URLs: the URL and every redirect
 * must be http(s) to a public host (or one the caller allows), and every address a name resolves to is
 * checked the same way before connecting. One GET, bounded in time, size and redirects.
 */
export class HttpPageFetcher implements PageFetcher {
  /** `resolveName` is the system resolver (`dns.lookup`); a test gives names its own addresses. */
  constructor(
    private readonly limits: PageFetchLimits = DEFAULT_PAGE_FETCH_LIMITS,
    private readonly resolveName: typeof lookup = lookup,
  ) {}

  async fetchPage(url: string, options: PageFetchOptions): Promise<FetchedPage> {
    const signal = AbortSignal.timeout(this.limits.timeoutMs);
    let target = url;
    for (let hop = 0; hop <= this.limits.maxRedirects; hop++) {
      const refused = unsafeUrlReason(target, options.allowPrivateHosts);
      if (refused) throw new PageFetchRefused(hop === 0 ? `the URL ${refused}` : `a redirect to ${target} ${refused}`);
      const response = await get(new URL(target), {
        headers: { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
        lookup: guardedLookup(this.resolveName, options.allowPrivateHosts),
        signal,
      });
      const location = response.headers.location;
      if (response.statusCode && response.statusCode >= 300 && response.statusCode < 400 && location) {
        response.resume();
        target = new URL(location, target).href;
        if (options.stopAtRedirectTo?.(target)) return { url: target, status: response.statusCode, contentType: '', body: '' };
        continue;
      }
      return {
        url: target,
        status: response.statusCode ?? 0,
        contentType: (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase(),
        body: await readBody(response, this.limits.maxBytes),
      };
    }
    throw new Error(`more than ${this.limits.maxRedirects} redirects`);
  }
}
