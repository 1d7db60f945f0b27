import { Parser } from 'htmlparser2';
import { matchSourceUrl } from './source-url-patterns.js';

/** Where on a page a URL was found, which says how strongly it names the page's board. */
export type MarkerKind = 'embedded board' | 'canonical link' | 'link';

/** A board a page points at: the source, the board, and how the page names it. */
export interface BoardMarker {
  readonly source: string;
  readonly board: string;
  readonly kind: MarkerKind;
}

/** What a page says about the job source behind it. */
export interface PageMarkers {
  /** Boards of known sources the page embeds, declares as its canonical page, or links to, in page order. */
  readonly boards: readonly BoardMarker[];
  /** schema.org `JobPosting` objects in its JSON-LD scripts. */
  readonly jobPostings: number;
}

/** Attributes that carry a URL, by tag; `script`/`iframe` sources embed a board, the rest link to one. */
const URL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  script: ['src', 'data-src'],
  iframe: ['src', 'data-src'],
  a: ['href'],
  link: ['href'],
  form: ['action'],
  meta: ['content'],
  div: ['data-url', 'data-board-url'],
};

/** Static files (scripts, styles, images, fonts) a page loads from its own host: never a board. */
const STATIC_FILE = /\.(?:m?js|css|map|png|jpe?g|gif|svg|webp|ico|woff2?|ttf)$/i;

/** Absolute URLs written in inline scripts (an embed's settings, a loader that writes the iframe). */
const INLINE_URL = /https?:\/\/[^\s"'<>`\\)]+/g;

function isJobPosting(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  const type = (node as Record<string, unknown>)['@type'];
  return type === 'JobPosting' || (Array.isArray(type) && type.includes('JobPosting'));
}

/** Counts the JobPosting objects of one JSON-LD document: a node, an array of nodes, or a `@graph`. */
function countJobPostings(document: unknown): number {
  if (Array.isArray(document)) return document.reduce((sum: number, node) => sum + countJobPostings(node), 0);
  if (document === null || typeof document !== 'object') return 0;
  const graph = (document as Record<string, unknown>)['@graph'];
  return (isJobPosting(document) ? 1 : 0) + (Array.isArray(graph) ? countJobPostings(graph) : 0);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function absolute(value: string, pageUrl: URL): URL | undefined {
  try {
    return new URL(value.trim(), pageUrl);
  } catch {
    return undefined;
  }
}

/**
 * Reads the markers a page carries of the source behind it: ATS board URLs in embed scripts and
 * iframes (`boards.greenhouse.io/embed/job_board/js?for=acme`), in its canonical link, in links and
 * forms (an "Apply" button to `jobs.lever.co/acme/...`) and in inline scripts, and the schema.org
 * `JobPosting` objects of its JSON-LD. Pure: the page's text in, markers out.
 */
export function readPageMarkers(html: string, pageUrl: URL): PageMarkers {
  const boards: BoardMarker[] = [];
  let jobPostings = 0;
  let script: { jsonLd: boolean; text: string } | undefined;

  const note = (value: string, kind: MarkerKind) => {
    const url = absolute(value, pageUrl);
    if (!url || STATIC_FILE.test(url.pathname)) return;
    const found = matchSourceUrl(url);
    if (found?.kind === 'match' && found.board) boards.push({ source: found.source, board: found.board, kind });
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'script') script = { jsonLd: (attributes.type ?? '').trim().toLowerCase() === 'application/ld+json', text: '' };
        const embeds = name === 'script' || name === 'iframe';
        const canonical = name === 'link' && (attributes.rel ?? '').toLowerCase().split(/\s+/).includes('canonical');
        const ogUrl = name === 'meta' && attributes.property === 'og:url';
        for (const attribute of URL_ATTRIBUTES[name] ?? []) {
          const value = attributes[attribute];
          if (!value || (name === 'meta' && !ogUrl)) continue;
          note(value, embeds ? 'embedded board' : canonical || ogUrl ? 'canonical link' : 'link');
        }
      },
      ontext(text) {
        if (script) script.text += text;
      },
      onclosetag(name) {
        if (name !== 'script' || !script) return;
        if (script.jsonLd) jobPostings += countJobPostings(parseJson(script.text));
        else for (const found of script.text.matchAll(INLINE_URL)) note(found[0], 'embedded board');
        script = undefined;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { boards, jobPostings };
}
