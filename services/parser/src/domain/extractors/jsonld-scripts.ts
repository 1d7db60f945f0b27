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

/**
 * The stretches of a page that can hold JSON-LD: each `<script …>` whose opening tag mentions ld+json,
 * up to its `</script>`. Real pages are hundreds of kilobytes of markup around a few kilobytes of
 * JSON-LD, so only these stretches are tokenized.
 */
function scriptStretches(html: string): string[] {
  const stretches: string[] = [];
  const closes = /<\/script\s*>/gi;
  // indexOf is much faster than a case-insensitive scan; pages write the type in lower case, a few in upper.
  const marker = html.includes('ld+json') ? 'ld+json' : 'LD+JSON';
  const nextMention = (from: number) => html.indexOf(marker, from);
  for (let mention = nextMention(0); mention >= 0; ) {
    const start = Math.max(html.lastIndexOf('<script', mention), html.lastIndexOf('<SCRIPT', mention));
    const tagEnd = start < 0 ? -1 : html.indexOf('>', start);
    if (start < 0 || tagEnd < mention) {
      mention = nextMention(mention + 7);
      continue;
    }
    closes.lastIndex = tagEnd;
    const close = closes.exec(html);
    const end = close ? close.index + close[0].length : html.length;
    stretches.push(html.slice(start, end));
    mention = nextMention(end);
  }
  return stretches;
}

/** Reads every `<script type="application/ld+json">` of an HTML page with htmlparser2. */
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
  for (const stretch of scriptStretches(html)) parser.write(stretch);
  parser.end();
  return { documents, invalid };
}
