import { hash } from 'node:crypto';
import { bodyText, type CheckedBody, checkBody } from './body-decoding.js';
import { detectJsonPostings, type RawFormat } from './detect-format.js';
import type { ExtractedPosting } from './extracted-posting.js';
import { list, record } from './extractors/json-fields.js';
import { findJobPostings } from './extractors/jsonld.js';
import { jsonLdBlocks, type PageMarkup } from './extractors/jsonld-scripts.js';
import { pageAddresses, visibleText } from './extractors/page-facts.js';
import { PARSER_SOURCES } from './extractors/registry.js';
import { parseJsonBody } from './json-body.js';
import { httpUrl, normalizePosting, type ParsedPosting } from './normalize.js';
import { PostingRejected } from './rejection.js';
import { parseXmlBody, XML_START } from './xml-body.js';

/** Default largest body the parser reads (a 10 MB page is refused). */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

/** One raw body to parse, with what the caller knows about it. */
export interface RawBodyInput {
  readonly body: Uint8Array | string;
  /** The source (format) when known; detected from the body otherwise. */
  readonly source?: RawFormat | undefined;
  /** URL the body was fetched from (fallback canonical URL; names the company for Greenhouse/Lever). */
  readonly url?: string | undefined;
  /** The scraper's external id, used when the body does not carry its own. */
  readonly externalId?: string | undefined;
  readonly contentType?: string | undefined;
  /** ISO time the body was fetched. */
  readonly seenAt: string;
  readonly maxBodyBytes?: number | undefined;
}

/** What a body yielded: its postings, and why any posting on it could not be used. */
export interface ParseResult {
  readonly format: RawFormat;
  readonly postings: ParsedPosting[];
  readonly rejected: string[];
}

/** The body's first non-whitespace character (trimStart's whitespace), decoding only the start of a UTF-8 body. */
function firstCharacter(body: CheckedBody): string | undefined {
  if (body.text !== undefined) return body.text.trimStart()[0];
  for (let length = 64; ; length *= 8) {
    const start = body.utf8.toString('utf8', 0, length).trimStart();
    // A cut through a multi-byte character leaves up to three replacement characters at the end only.
    if (start.length >= 4 || length >= body.utf8.length) return start[0];
  }
}

function looksLikeJson(body: CheckedBody): boolean {
  const first = firstCharacter(body);
  return first === '{' || first === '[';
}

/** Whether the body is an XML document (a feed such as Personio's) rather than an HTML page. */
function looksLikeXml(body: CheckedBody): boolean {
  return XML_START.test(body.text !== undefined ? body.text.slice(0, 256) : body.utf8.toString('utf8', 0, 256));
}

/** Adds the @types of the nodes in `value` and their @graph, at most 4 levels down, to `types`. */
function collectTypes(value: unknown, depth: number, types: Set<string>): void {
  if (depth > 4) return;
  for (const entry of list(value)) {
    const node = record(entry);
    if (!node) continue;
    for (const type of list(node['@type'])) if (typeof type === 'string') types.add(type);
    if (node['@graph']) collectTypes(node['@graph'], depth + 1, types);
  }
}

function describeTypes(documents: readonly unknown[]): string {
  const types = new Set<string>();
  collectTypes(documents, 0, types);
  return types.size > 0 ? [...types].slice(0, 8).join(', ') : 'none';
}

function htmlPostings(html: PageMarkup): Record<string, unknown>[] {
  const blocks = jsonLdBlocks(html);
  const postings = findJobPostings(blocks.documents);
  if (postings.length > 0) return postings;
  const found = blocks.documents.length + blocks.invalid.length;
  const invalid = blocks.invalid.length > 0 ? `; unreadable: ${blocks.invalid.join('; ')}` : '';
  throw new PostingRejected(
    'NO_POSTING',
    found === 0
      ? 'page has no schema.org JobPosting: it carries no JSON-LD (<script type="application/ld+json">) at all'
      : `page has no schema.org JobPosting among its ${found} JSON-LD block(s) (types: ${describeTypes(blocks.documents)})${invalid}`,
  );
}

function shortHash(value: string): string {
  return hash('sha256', value, 'hex').slice(0, 24);
}

/** The id a JSON-LD posting gets: the scraper's id for a one-posting page, else its identifier, else a hash of its URL and title. */
function jsonLdExternalId(extracted: ExtractedPosting, input: RawBodyInput, index: number, count: number): string {
  if (count === 1 && input.externalId) return input.externalId;
  const own = extracted.externalId ?? shortHash(`${extracted.url ?? input.url ?? ''}|${extracted.title ?? ''}|${index}`);
  return input.externalId ? `${input.externalId}-${own}` : own;
}

/** A page address as an absolute http(s) URL, resolving a relative one against the URL the page came from. */
function absoluteUrl(address: string | null, base: string | undefined): string | null {
  if (!address) return null;
  try {
    return httpUrl(new URL(address, base).href);
  } catch {
    return null;
  }
}

const MISSING_PAGE_URL =
  'the JSON-LD has no url and the page has no <link rel="canonical"> or og:url; give the address the page was fetched from (jobpipe parse: --url <address>)';

/**
 * What a JSON-LD page offers beyond its JSON-LD, read only when needed: its own address (canonical link,
 * then og:url) for postings without a url, and its visible text for the years and pay the JSON-LD leaves out.
 */
function pageFallbacks(html: PageMarkup, input: RawBodyInput, postingCount: number) {
  let addresses: { url: string | null; from: string } | undefined;
  let text: string | undefined;
  return {
    url(): { url: string | null; from: string } {
      if (!addresses) {
        const page = pageAddresses(html);
        const canonical = absoluteUrl(page.canonical, input.url);
        addresses = canonical
          ? { url: canonical, from: 'page:link[rel=canonical]' }
          : { url: absoluteUrl(page.openGraph, input.url), from: 'page:meta[og:url]' };
      }
      return addresses;
    },
    // A page of several postings shows all of them: its text cannot be one posting's.
    text: postingCount === 1 ? () => (text ??= visibleText(html)) : undefined,
  };
}

/**
 * Parses one raw body (an API response or an HTML page) into normalized postings. Bad bodies are
 * rejected with a PostingRejected naming what is wrong (empty, too large, wrong encoding, truncated or
 * invalid JSON, no posting, missing fields); it never throws anything else for a body's content.
 */
export function parseRawBody(input: RawBodyInput): ParseResult {
  const bytes = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body;
  const expectsHtml = input.contentType?.startsWith('text/html') ?? false;
  const kind = input.source && input.source !== 'jsonld' && !expectsHtml ? 'json' : 'auto';
  const body = checkBody(bytes, kind, input.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);

  let format: RawFormat;
  let items: Record<string, unknown>[];
  let page: ReturnType<typeof pageFallbacks> | undefined;
  const xml = !expectsHtml && looksLikeXml(body);
  if (xml || kind === 'json' || (!expectsHtml && looksLikeJson(body))) {
    const document = xml ? parseXmlBody(bodyText(body)) : parseJsonBody(bodyText(body));
    // With the source known, an object of no recognisable shape is read as that source's posting, so the
    // rejection names the fields it lacks rather than just "unknown format".
    const detected =
      detectJsonPostings(document, input.source) ??
      (input.source && record(document)
        ? { format: input.source, shape: `${input.source} posting`, items: [record(document)!] }
        : undefined);
    if (!detected) {
      throw new PostingRejected(
        'UNKNOWN_FORMAT',
        `body is ${xml ? 'XML' : 'JSON'} but not a posting of any known source${input.source ? ` (expected ${input.source})` : ''}`,
      );
    }
    if (input.source && detected.format !== input.source) {
      throw new PostingRejected('UNKNOWN_FORMAT', `body is a ${detected.shape}, not a ${input.source} posting`);
    }
    if (detected.items.length === 0) throw new PostingRejected('NO_POSTING', `${detected.shape} holds no posting`);
    format = detected.format;
    items = detected.items;
  } else {
    format = 'jsonld';
    const html = body.text ?? body.utf8;
    items = htmlPostings(html);
    page = pageFallbacks(html, input, items.length);
  }

  const postings: ParsedPosting[] = [];
  const rejected: string[] = [];
  items.forEach((item, index) => {
    try {
      let extracted = PARSER_SOURCES[format].extract(item, input.url ?? null);
      if (page && !httpUrl(extracted.url)) {
        const own = page.url();
        if (own.url) extracted = { ...extracted, url: own.url, provenance: { ...extracted.provenance, canonicalUrl: own.from } };
      }
      const externalId =
        format === 'jsonld' ? jsonLdExternalId(extracted, input, index, items.length) : (extracted.externalId ?? input.externalId);
      postings.push(
        normalizePosting(extracted, {
          source: format,
          postingId: externalId,
          externalId: input.externalId,
          url: input.url,
          seenAt: input.seenAt,
          pageText: page?.text,
          missingUrlReason: page ? MISSING_PAGE_URL : undefined,
        }),
      );
    } catch (error) {
      if (!(error instanceof PostingRejected)) throw error;
      rejected.push(items.length > 1 ? `posting ${index + 1}: ${error.message}` : error.message);
    }
  });
  if (postings.length === 0) {
    throw new PostingRejected(rejected.length === 1 ? 'MISSING_FIELDS' : 'NO_POSTING', rejected.join('; '));
  }
  return { format, postings, rejected };
}
