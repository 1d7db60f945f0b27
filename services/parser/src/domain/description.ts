import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';
import { escapeText, LINE_TAGS, PARAGRAPH_TAGS, sanitizeMarkup, WHITESPACE_RUN } from './description-sanitizer.js';

/** Longest plain-text description an event carries. */
export const MAX_DESCRIPTION_TEXT = 40_000;

const SPACES_RUN = / ?[\t\f\v\u00a0][\t\f\v \u00a0]*| {2,}[\t\f\v \u00a0]*/g;

const MARKUP_CHARACTER = /[<>&]/;
/** An escaped or twice-escaped tag ("&lt;p", "&amp;lt;/li"): what the counts in unescapeMarkup count. */
const ESCAPED_TAG = /&(?:amp;)?lt;\/?[a-z]/i;
const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'head']);

/**
 * Undoes entity-escaping of a whole description ("&lt;p&gt;…", as Greenhouse and many JSON-LD pages send
 * it). Markup that is already real HTML is left alone.
 */
export function unescapeMarkup(html: string): string {
  let current = html;
  // Some pages escape twice (&amp;lt;p&amp;gt;); two rounds cover what is seen in practice.
  for (let round = 0; round < 2; round++) {
    // Most descriptions escape nothing: one look for either kind of escaped tag before counting anything.
    // Real tags are counted only when there is something escaped to weigh them against.
    if (!ESCAPED_TAG.test(current)) break;
    const escapedTags = (current.match(/&lt;\/?[a-z][a-z0-9]*[\s&/]?/gi) ?? []).length;
    const doubleEscaped = (current.match(/&amp;lt;\/?[a-z]/gi) ?? []).length;
    const realTags = (current.match(/<\/?[a-z][a-z0-9]*[\s>/]/gi) ?? []).length;
    if (realTags > escapedTags + doubleEscaped) break;
    current = decodeHTML(current);
  }
  return current;
}

/** A description's sanitized HTML and its plain text. */
export interface SanitizedDescription {
  readonly html: string;
  readonly text: string;
}

/**
 * Sanitized HTML (no scripts, styles, event handlers or javascript:/data: links, only harmless tags) and
 * its plain text, as htmlToText would read it, both from one parse.
 */
export function sanitizedDescription(html: string): SanitizedDescription {
  // Text without "<", ">" or "&" holds no markup and no entity: it is its own sanitized HTML.
  if (!MARKUP_CHARACTER.test(html)) return { html, text: sanitizedHtmlToText(html) };
  const sanitized = sanitizeMarkup(html);
  return { html: sanitized.html, text: capped(sanitized.text) };
}

/** Sanitized HTML: no scripts, styles, event handlers or javascript:/data: links, only harmless tags. */
export function sanitizeDescription(html: string): string {
  return MARKUP_CHARACTER.test(html) ? sanitizeMarkup(html).html : html;
}

/** Plain text of HTML: block elements become line breaks, entities decoded, whitespace tidied, capped at 40k chars. */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let skipping = 0;
  let preformatted = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (name === 'pre') preformatted++;
        if (SKIPPED_TAGS.has(name)) skipping++;
        else if (PARAGRAPH_TAGS.has(name)) parts.push('\n\n');
        else if (LINE_TAGS.has(name)) parts.push('\n');
      },
      onclosetag(name) {
        if (name === 'pre') preformatted = Math.max(0, preformatted - 1);
        if (SKIPPED_TAGS.has(name)) skipping = Math.max(0, skipping - 1);
        else if (PARAGRAPH_TAGS.has(name)) parts.push('\n\n');
      },
      ontext(text) {
        // Line breaks in HTML source are just spaces; only elements break lines (pre keeps its own).
        if (skipping === 0) parts.push(preformatted > 0 ? text : text.replace(WHITESPACE_RUN, ' '));
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return tidyText(parts.join(''));
}

const PARAGRAPH_TAG = /<\/?(?:p|div|ul|ol|h[1-6]|table|section|article|blockquote|pre|header|footer)\b[^>]*>/gi;
const LINE_TAG = /<(?:br|li|tr|dt|dd|hr)\b[^>]*>/gi;
const ANY_TAG = /<[^>]*>/g;

/**
 * Plain text of HTML that sanitizeDescription produced (the same result as htmlToText, without a second
 * parse): that output has only harmless, well-formed tags and no script or style content, so tags can be
 * turned into line breaks and dropped directly.
 */
export function sanitizedHtmlToText(sanitized: string): string {
  const text = sanitized.replace(WHITESPACE_RUN, ' ').replace(PARAGRAPH_TAG, '\n\n').replace(LINE_TAG, '\n').replace(ANY_TAG, '');
  return tidyText(decodeHTML(text));
}

/** Collapses runs of spaces, trims lines, keeps at most one blank line, caps the length. */
export function tidyText(text: string): string {
  const tidy = text
    .replace(/\r\n?/g, '\n')
    .replace(SPACES_RUN, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return capped(tidy);
}

/** Text cut to the longest description text an event carries. */
function capped(text: string): string {
  return text.length > MAX_DESCRIPTION_TEXT ? text.slice(0, MAX_DESCRIPTION_TEXT) : text;
}

/** Text of a short field that may carry tags or entities (a title, a company name), on one line. */
export function inlineText(value: string): string {
  const text = value.includes('<') || value.includes('&') ? htmlToText(value) : value;
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether a description is plain text (no element tags at all), as some JSON-LD pages and imports send it. */
export function isPlainText(description: string): boolean {
  return !/<\/?[a-zA-Z][a-zA-Z0-9]*(\s[^>]*)?\/?>/.test(description);
}

/**
 * Plain text as HTML: blank-line-separated paragraphs become <p>, single line breaks <br />. The result
 * is already what sanitizeDescription would make of it (only <p> and <br />, text escaped as it
 * escapes text), so it needs no sanitizing pass.
 */
export function plainTextToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeText(paragraph).replace(/\n/g, '<br />')}</p>`)
    .join('');
}

/** A plain-text description (entities already decoded) as sanitized HTML, made by plainTextToHtml, and its text. */
export function plainDescription(text: string): SanitizedDescription {
  const html = plainTextToHtml(text);
  return { html, text: sanitizedHtmlToText(html) };
}
