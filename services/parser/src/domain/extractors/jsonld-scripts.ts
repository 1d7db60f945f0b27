import { Parser } from 'htmlparser2';

/** The JSON-LD blocks of a page and what went wrong reading them. */
export interface JsonLdBlocks {
  readonly documents: unknown[];
  /** One line per block that is not valid JSON, e.g. "block 2: Unexpected token". */
  readonly invalid: string[];
}

/** The text with every control character (raw newlines, tabs… that break JSON strings) turned into a space. */
function stripControlCharacters(source: string): string {
  let result = '';
  for (const character of source) result += character.charCodeAt(0) < 0x20 ? ' ' : character;
  return result;
}

/** JSON-LD as pages really write it: HTML comments or CDATA around it, raw control characters inside strings. */
function lenientJson(source: string): unknown {
  const stripped = source
    .trim()
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

/** Reads every `<script type="application/ld+json">` of an HTML page with one htmlparser2 pass. */
export function jsonLdBlocks(html: string): JsonLdBlocks {
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
  parser.end(html);
  return { documents, invalid };
}
