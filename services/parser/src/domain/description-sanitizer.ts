import { type Handler, Parser } from 'htmlparser2';

/**
 * The description's allowlist: sanitize-html 2.17's default tags (h1, h2 and span included), of which only
 * links keep attributes (href and title), and links only to http, https and mailto.
 */
const ALLOWED_TAGS = new Set([
  'address',
  'article',
  'aside',
  'footer',
  'header',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hgroup',
  'main',
  'nav',
  'section',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'hr',
  'li',
  'menu',
  'ol',
  'p',
  'pre',
  'ul',
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'br',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'i',
  'kbd',
  'mark',
  'q',
  'rb',
  'rp',
  'rt',
  'rtc',
  'ruby',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
  'caption',
  'col',
  'colgroup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
]);
/** Dropped elements whose content goes with them: code, or text htmlparser2 hands over as raw markup. */
const DROPPED_WITH_CONTENT = new Set(['script', 'style', 'textarea', 'option', 'xmp']);
/** Allowed elements written self-closed ("<br />"), without a closing tag. */
const SELF_CLOSED = new Set(['br', 'hr']);
const LINK_SCHEMES = new Set(['http', 'https', 'mailto']);

// The text's line structure: paragraph-like elements (opening and closing) stand apart by a blank line,
// list items and line breaks (opening only) start a new line.
export const PARAGRAPH_TAGS = new Set([
  'p',
  'div',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'section',
  'article',
  'blockquote',
  'pre',
  'header',
  'footer',
]);
export const LINE_TAGS = new Set(['br', 'li', 'tr', 'dt', 'dd', 'hr']);
// Whitespace runs to turn into one space, skipping runs that already are one space: text is mostly
// single spaces, and replacing each of them with itself copies the text piece by piece.
export const WHITESPACE_RUN = / ?[^\S ]\s*| {2,}\s*/g;

const ESCAPED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const TEXT_SPECIAL = /[&<>]/g;
const ATTRIBUTE_SPECIAL = /[&<>"]/g;
const escapeCharacter = (character: string) => ESCAPED[character]!;

/** Escapes text for HTML (&, <, >): the text's characters as htmlparser2 decoded them. */
export function escapeText(text: string): string {
  return text.replace(TEXT_SPECIAL, escapeCharacter);
}

/** Control characters and spaces, which browsers skip inside a URL's scheme. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters browsers skip, so the check skips them too
const SKIPPED_IN_URL = /[\x00-\x20]+/g;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9.\-+]*):/;
const PROTOCOL_RELATIVE = /^[/\\]{2}/;

/**
 * Whether a link leads somewhere other than http, https or mailto (javascript:, data:, vbscript:…) or to
 * another host without a scheme (//host): read as browsers read it, without the spaces, control
 * characters and HTML comments that smuggle a scheme past a naive check.
 */
function unsafeHref(href: string): boolean {
  let cleaned = href.replace(SKIPPED_IN_URL, '');
  for (let comment = cleaned.indexOf('<!--'); comment >= 0; comment = cleaned.indexOf('<!--')) {
    const close = cleaned.indexOf('-->', comment + 4);
    if (close < 0) break;
    cleaned = cleaned.slice(0, comment) + cleaned.slice(close + 3);
  }
  const scheme = SCHEME.exec(cleaned);
  if (!scheme) return PROTOCOL_RELATIVE.test(cleaned);
  return !LINK_SCHEMES.has(scheme[1]!.toLowerCase());
}

/** A link's kept attributes, in the order the page wrote them: a non-empty title, a non-empty safe href. */
function linkAttributes(attributes: Record<string, string>): string {
  let written = '';
  for (const name of Object.keys(attributes)) {
    if (name !== 'href' && name !== 'title') continue;
    const value = attributes[name]!;
    if (value === '' || (name === 'href' && unsafeHref(value))) continue;
    written += ` ${name}="${value.replace(ATTRIBUTE_SPECIAL, escapeCharacter)}"`;
  }
  return written;
}

/** A description's sanitized HTML and its plain text, read in one parse. */
export interface SanitizedMarkup {
  readonly html: string;
  /**
   * Text with the line breaks the elements make, already tidied as `tidyText` tidies (one space between
   * words, no space beside a line break, at most one blank line, nothing at either end) but not capped.
   */
  readonly text: string;
}

const SPACE = 0x20;

/**
 * The htmlparser2 handler of one sanitizing pass. It makes, event for event, what sanitize-html 2.17 makes
 * with the description's allowlist and its "discard" mode (a test holds the two equal): a dropped element
 * leaves its content, except the content of script, style, textarea, option and xmp; elements close as
 * htmlparser2 closes them; a closing tag that does not close the innermost open element is ignored.
 * Beside the HTML it writes the plain text, flushing a stretch of text wherever a tag is written, and
 * tidies it as it goes: the spaces and line breaks between two words are held back until the next word
 * shows which of them stay.
 */
class SanitizingHandler implements Partial<Handler> {
  html = '';
  /** The tidied text up to the last word flushed. */
  private tidied = '';
  private textRun = '';
  /** What stands between the last word flushed and the next one: line breaks (two at most count), else a space. */
  private breaksBefore = 0;
  private spaceBefore = false;
  /** The open elements (allowed or not) and whether each was dropped. */
  private readonly openTags: string[] = [];
  private readonly dropped: boolean[] = [];
  /** How many elements deep inside an element dropped with its content, 0 outside one. */
  private droppedContentDepth = 0;

  onopentag(name: string, attributes: Record<string, string>): void {
    if (this.droppedContentDepth > 0) {
      this.droppedContentDepth++;
      return;
    }
    const allowed = ALLOWED_TAGS.has(name);
    this.openTags.push(name);
    this.dropped.push(!allowed);
    if (!allowed) {
      if (DROPPED_WITH_CONTENT.has(name)) this.droppedContentDepth = 1;
      return;
    }
    this.flushText(PARAGRAPH_TAGS.has(name) ? 2 : LINE_TAGS.has(name) ? 1 : 0);
    this.html += `<${name}${name === 'a' ? linkAttributes(attributes) : ''}${SELF_CLOSED.has(name) ? ' />' : '>'}`;
  }

  ontext(text: string): void {
    if (this.droppedContentDepth > 0) return;
    this.html += escapeText(text);
    this.textRun += text;
  }

  onclosetag(name: string): void {
    if (this.droppedContentDepth > 0 && --this.droppedContentDepth > 0) return;
    const innermost = this.openTags.length - 1;
    if (innermost < 0 || this.openTags[innermost] !== name) return;
    this.openTags.pop();
    if (this.dropped.pop() || SELF_CLOSED.has(name)) return;
    this.flushText(PARAGRAPH_TAGS.has(name) ? 2 : 0);
    this.html += `</${name}>`;
  }

  /** The tidied text, ending with the text after the last tag. */
  text(): string {
    this.flushText(0);
    return this.tidied;
  }

  /**
   * Ends the stretch of text before a written tag (its whitespace runs become single spaces, so it can only
   * start or end with one space) and owes the tag's line breaks to the next word.
   */
  private flushText(lineBreaks: number): void {
    if (this.textRun !== '') {
      const run = this.textRun.replace(WHITESPACE_RUN, ' ');
      this.textRun = '';
      const start = run.charCodeAt(0) === SPACE ? 1 : 0;
      const end = run.length > start && run.charCodeAt(run.length - 1) === SPACE ? run.length - 1 : run.length;
      if (start > 0) this.spaceBefore = true;
      if (end > start) {
        if (this.tidied !== '') this.tidied += this.separator();
        this.tidied += start === 0 && end === run.length ? run : run.slice(start, end);
        this.breaksBefore = 0;
        this.spaceBefore = end < run.length;
      }
    }
    this.breaksBefore += lineBreaks;
  }

  /** What goes between the last word and the next: one blank line at most, else a line break, else a space. */
  private separator(): string {
    if (this.breaksBefore > 1) return '\n\n';
    if (this.breaksBefore === 1) return '\n';
    return this.spaceBefore ? ' ' : '';
  }
}

/**
 * Sanitized HTML of a description (no scripts, styles, event handlers, javascript:/data: links; only
 * harmless tags) and its plain text, from one htmlparser2 parse.
 */
export function sanitizeMarkup(html: string): SanitizedMarkup {
  const handler = new SanitizingHandler();
  new Parser(handler, { decodeEntities: true }).end(html);
  return { html: handler.html, text: handler.text() };
}
