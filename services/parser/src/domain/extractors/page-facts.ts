import { type Handler, Parser } from 'htmlparser2';
import type { PageMarkup } from './jsonld-scripts.js';

/** The addresses a page gives for itself in its head. */
export interface PageAddresses {
  readonly canonical: string | null;
  readonly openGraph: string | null;
}

const markupText = (markup: PageMarkup, end: number) =>
  typeof markup === 'string' ? markup.slice(0, end) : markup.toString('utf8', 0, end);

/** Where the head ends (its `</head>` or the body's start), so only the head is read for its links. */
function headEnd(markup: PageMarkup): number {
  for (const marker of ['</head', '</HEAD', '<body', '<BODY']) {
    const at = markup.indexOf(marker);
    if (at >= 0) return at;
  }
  return Math.min(markup.length, 64 * 1024);
}

/** `<link rel="canonical" href>` and `<meta property="og:url" content>` of a page's head, as written. */
export function pageAddresses(markup: PageMarkup): PageAddresses {
  let canonical: string | null = null;
  let openGraph: string | null = null;
  const parser = new Parser({
    onopentag(name, attributes) {
      const rel = (attributes.rel ?? '').toLowerCase().split(/\s+/);
      if (name === 'link' && rel.includes('canonical') && attributes.href?.trim()) canonical ??= attributes.href.trim();
      const property = (attributes.property ?? attributes.name ?? '').toLowerCase();
      if (name === 'meta' && property === 'og:url' && attributes.content?.trim()) openGraph ??= attributes.content.trim();
    },
  });
  parser.write(markupText(markup, headEnd(markup)));
  parser.end();
  return { canonical, openGraph };
}

const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'iframe', 'object']);
const BLOCKS = new Set([
  'p',
  'div',
  'li',
  'br',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'ul',
  'ol',
  'dt',
  'dd',
  'table',
]);

/** Collects a page's visible text, one line per block, as htmlparser2 reads the page. */
class VisibleTextHandler implements Partial<Handler> {
  readonly lines: string[] = [];
  private line = '';
  /** How many hidden elements (scripts, styles, the head…) deep the parser is. */
  private hidden = 0;

  onopentag(name: string): void {
    if (HIDDEN.has(name)) this.hidden++;
    else if (BLOCKS.has(name)) this.endLine();
  }

  ontext(chunk: string): void {
    if (this.hidden === 0) this.line += chunk;
  }

  onclosetag(name: string): void {
    if (HIDDEN.has(name)) this.hidden = Math.max(0, this.hidden - 1);
    else if (BLOCKS.has(name)) this.endLine();
  }

  /** Keeps the line so far, its whitespace runs as single spaces, when it holds anything. */
  endLine(): void {
    const trimmed = this.line.replace(/\s+/g, ' ').trim();
    if (trimmed) this.lines.push(trimmed);
    this.line = '';
  }
}

/**
 * The text a reader sees on the page: no scripts, styles or head; one line per block. Used only when the
 * JSON-LD leaves out what the page shows (years of experience, pay), so it is read lazily.
 */
export function visibleText(markup: PageMarkup): string {
  const handler = new VisibleTextHandler();
  const parser = new Parser(handler, { decodeEntities: true });
  parser.write(typeof markup === 'string' ? markup : markup.toString('utf8'));
  parser.end();
  handler.endLine();
  return handler.lines.join('\n');
}
