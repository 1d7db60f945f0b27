import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';

/** Longest plain-text description an event carries. */
export const MAX_DESCRIPTION_TEXT = 40_000;

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'h1', 'h2', 'span'],
  allowedAttributes: { a: ['href', 'title'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
};

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'table',
  'section',
  'article',
  'blockquote',
  'pre',
  'hr',
  'dt',
  'dd',
]);
const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'head']);

/**
 * Undoes entity-escaping of a whole description ("&lt;p&gt;…", as Greenhouse and many JSON-LD pages send
 * it). Markup that is already real HTML is left alone.
 */
export function unescapeMarkup(html: string): string {
  let current = html;
  // Some pages escape twice (&amp;lt;p&amp;gt;); two rounds cover what is seen in practice.
  for (let round = 0; round < 2; round++) {
    const escapedTags = (current.match(/&lt;\/?[a-z][a-z0-9]*[\s&/]?/gi) ?? []).length;
    const doubleEscaped = (current.match(/&amp;lt;\/?[a-z]/gi) ?? []).length;
    const realTags = (current.match(/<\/?[a-z][a-z0-9]*[\s>/]/gi) ?? []).length;
    if (escapedTags + doubleEscaped === 0 || realTags > escapedTags + doubleEscaped) break;
    current = decodeHTML(current);
  }
  return current;
}

/** Sanitized HTML: no scripts, styles, event handlers or javascript:/data: links, only harmless tags. */
export function sanitizeDescription(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/** Plain text of HTML: block elements become line breaks, entities decoded, whitespace tidied, capped at 40k chars. */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let skipping = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (SKIPPED_TAGS.has(name)) skipping++;
        else if (BLOCK_TAGS.has(name)) parts.push('\n');
      },
      onclosetag(name) {
        if (SKIPPED_TAGS.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK_TAGS.has(name)) parts.push('\n');
      },
      ontext(text) {
        if (skipping === 0) parts.push(text);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return tidyText(parts.join(''));
}

/** Collapses runs of spaces, trims lines, keeps at most one blank line, caps the length. */
export function tidyText(text: string): string {
  const tidy = text
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\f\v \u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return tidy.length > MAX_DESCRIPTION_TEXT ? tidy.slice(0, MAX_DESCRIPTION_TEXT) : tidy;
}

/** Text of a short field that may carry tags or entities (a title, a company name), on one line. */
export function inlineText(value: string): string {
  const text = value.includes('<') || value.includes('&') ? htmlToText(value) : value;
  return text.replace(/\s+/g, ' ').trim();
}

/** Escapes plain text for embedding in HTML (sources that send text, composed into one HTML description). */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
