import { Parser } from 'htmlparser2';

/** The JSON-LD blocks of a page and what went wrong reading them. */
export interface JsonLdBlocks {
  readonly documents: unknown[];
  /** One line per block that is not valid JSON, e.g. "block 2: Unexpected token". */
  readonly invalid: string[];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters that break JSON strings
const CONTROL_CHARACTER = /[\u0000-\u001f]/g;

/** The text with every control character (raw newlines, tabs… that break JSON strings) turned into a space. */
function stripControlCharacters(source: string): string {
  return source.replace(CONTROL_CHARACTER, ' ');
}

/** JSON-LD as pages really write it: HTML comments or CDATA around it, raw control characters inside strings. */
function lenientJson(source: string): unknown {
  const trimmed = source.trim();
  // JSON-LD mostly is bare JSON: nothing to strip when it opens and closes as a JSON document does.
  const first = trimmed[0];
  const last = trimmed[trimmed.length - 1];
  const bare = (first === '{' || first === '[') && (last === '}' || last === ']');
  const stripped = bare
    ? trimmed
    : trimmed
        .replace(/^<!--|-->$/g, '')
        .replace(/^\/\*<!\[CDATA\[\*\/|\/\*\]\]>\*\/$/g, '')
        .replace(/^<!\[CDATA\[|\]\]>$/g, '')
        .trim();
  try {
    return JSON.parse(stripped);
  } catch (error) {
    // Raw newlines/tabs inside strings and trailing commas are the usual breakage; try once without them.
    const repaired = stripControlCharacters(stripped).replace(/,\s*([}\]])/g, '$1');
    if (repaired === stripped) throw error;
    return JSON.parse(repaired);
  }
}

/** A page as text, or as UTF-8 bytes that are decoded only where JSON-LD can be. */
export type PageMarkup = string | Buffer;

const GREATER_THAN = 0x3e;
const SCRIPT = 'script';

/** The character (or, for bytes, byte) code at an index; markers are ASCII, so both read alike. */
function codeAt(markup: PageMarkup, index: number): number {
  return typeof markup === 'string' ? markup.charCodeAt(index) : (markup[index] ?? Number.NaN);
}

/** HTML's ASCII whitespace (and vertical tab, as `\s` has it). */
function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/** Where the first `</script>` (any case, spaces before `>`) at or after `from` ends, or -1. */
function scriptCloseEnd(markup: PageMarkup, from: number): number {
  for (let open = markup.indexOf('</', from); open >= 0; open = markup.indexOf('</', open + 2)) {
    let index = open + 2;
    let named = true;
    for (let i = 0; i < SCRIPT.length && named; i++, index++) named = (codeAt(markup, index) | 0x20) === SCRIPT.charCodeAt(i);
    if (!named) continue;
    while (isSpace(codeAt(markup, index))) index++;
    if (codeAt(markup, index) === GREATER_THAN) return index + 1;
  }
  return -1;
}

/**
 * `markup.indexOf(marker, from)` for "ld+json" in one case, found from its rare "+": a needle starting
 * with a letter as common as "l" makes indexOf several times slower on a large page.
 */
function mentionOf(markup: PageMarkup, marker: string, from: number): number {
  const tail = marker.slice(2);
  for (let at = markup.indexOf(tail, from + 2); at >= 0; at = markup.indexOf(tail, at + 1)) {
    if (codeAt(markup, at - 2) === marker.charCodeAt(0) && codeAt(markup, at - 1) === marker.charCodeAt(1)) return at - 2;
  }
  return -1;
}

/**
 * Where the last `<script` or `<SCRIPT` at or before `index` starts, or -1. The upper-case one is looked
 * for only after the lower-case one: most pages have none, and a search back to the page's start for
 * it would read the whole page before the mention.
 */
function scriptOpenBefore(markup: PageMarkup, index: number): number {
  const lower = markup.lastIndexOf('<script', index);
  const upperFrom = lower + 1;
  const window = typeof markup === 'string' ? markup.slice(upperFrom, index + 7) : markup.subarray(upperFrom, index + 7);
  const upper = window.lastIndexOf('<SCRIPT');
  return upper >= 0 ? upperFrom + upper : lower;
}

/**
 * The stretches of a page that can hold JSON-LD, as [start, end) offsets: each `<script …>` whose opening
 * tag mentions ld+json, up to its `</script>`. Real pages are hundreds of kilobytes of markup around a
 * few kilobytes of JSON-LD, so only these stretches are decoded and tokenized.
 */
function scriptStretches(markup: PageMarkup): [number, number][] {
  const stretches: [number, number][] = [];
  // indexOf is much faster than a case-insensitive scan; pages write the type in lower case, a few in upper.
  const firstLower = mentionOf(markup, 'ld+json', 0);
  const marker = firstLower >= 0 ? 'ld+json' : 'LD+JSON';
  for (let mention = firstLower >= 0 ? firstLower : mentionOf(markup, marker, 0); mention >= 0; ) {
    const start = scriptOpenBefore(markup, mention);
    const tagEnd = start < 0 ? -1 : markup.indexOf('>', start);
    if (start < 0 || tagEnd < mention) {
      mention = mentionOf(markup, marker, mention + 7);
      continue;
    }
    const close = scriptCloseEnd(markup, tagEnd);
    const end = close < 0 ? markup.length : close;
    stretches.push([start, end]);
    mention = mentionOf(markup, marker, end);
  }
  return stretches;
}

const stretchText = (markup: PageMarkup, [start, end]: [number, number]) =>
  typeof markup === 'string' ? markup.slice(start, end) : markup.toString('utf8', start, end);

/** Reads every `<script type="application/ld+json">` of an HTML page (text, or UTF-8 bytes) with htmlparser2. */
export function jsonLdBlocks(html: PageMarkup): JsonLdBlocks {
  const documents: unknown[] = [];
  const invalid: string[] = [];
  let inside = false;
  let buffer = '';
  let count = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        inside = name === 'script' && (attributes.type ?? '').trim().toLowerCase().startsWith('application/ld+json');
        buffer = '';
      },
      ontext(chunk) {
        if (inside) buffer += chunk;
      },
      onclosetag(name) {
        if (name !== 'script' || !inside) return;
        inside = false;
        count++;
        try {
          documents.push(lenientJson(buffer));
        } catch (error) {
          invalid.push(`block ${count}: ${error instanceof Error ? error.message.slice(0, 120) : String(error)}`);
        }
      },
    },
    { decodeEntities: false },
  );
  for (const stretch of scriptStretches(html)) parser.write(stretchText(html, stretch));
  parser.end();
  return { documents, invalid };
}
