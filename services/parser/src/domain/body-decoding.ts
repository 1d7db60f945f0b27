import { isUtf8 } from 'node:buffer';
import { PostingRejected } from './rejection.js';

/** What kind of document a body is expected to be. */
export type BodyKind = 'json' | 'html';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

const LESS_THAN = 0x3c;
const META = [0x6d, 0x65, 0x74, 0x61];

/** Whether the bytes hold "<meta" in any case: the only place a page declares its charset. */
function hasMetaTag(head: Buffer): boolean {
  for (let at = head.indexOf(LESS_THAN); at >= 0; at = head.indexOf(LESS_THAN, at + 1)) {
    if (META.every((letter, i) => ((head[at + 1 + i] ?? 0) | 0x20) === letter)) return true;
  }
  return false;
}

/** The charset an HTML page declares in its first bytes (`<meta charset>` or `http-equiv`), lower-cased. */
export function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  // A view of the bytes, not a copy: only the first 4 KB are read, and decoded only when they hold a
  // meta tag (a JSON body holds none, and is not copied into a string for nothing).
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096));
  if (!hasMetaTag(head)) return undefined;
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(head.toString('latin1'));
  return match?.[1]?.toLowerCase();
}

function decodeWith(bytes: Uint8Array, label: string, offset: number): string {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new PostingRejected('BODY_ENCODING', `body declares charset '${label}', which this parser cannot decode`);
  }
  try {
    return decoder.decode(bytes.subarray(offset));
  } catch {
    throw new PostingRejected('BODY_ENCODING', `body is not valid ${decoder.encoding.toUpperCase()} (undecodable byte sequence)`);
  }
}

/**
 * A body that passed the checks: valid UTF-8 bytes (decoded only where they are read, so a large page is
 * never turned into one large string), or text decoded from a byte-order mark or a declared charset.
 */
export type CheckedBody = { readonly utf8: Buffer; readonly text?: undefined } | { readonly text: string; readonly utf8?: undefined };

const NUL_MESSAGE = 'body holds NUL characters: binary data, not text';

/**
 * Checks raw bytes before anything reads them: refuses empty and oversized bodies, honours a byte-order
 * mark, a page's declared charset (HTML) and otherwise insists on valid UTF-8 (JSON is UTF-8 by RFC 8259).
 */
export function checkBody(bytes: Uint8Array, kind: BodyKind | 'auto', maxBytes: number): CheckedBody {
  if (bytes.byteLength === 0) throw new PostingRejected('BODY_EMPTY', 'body is empty (0 bytes)');
  if (bytes.byteLength > maxBytes) {
    throw new PostingRejected('BODY_TOO_LARGE', `body is ${bytes.byteLength} bytes, over the ${maxBytes}-byte limit`);
  }
  let text: string;
  if (startsWith(bytes, UTF8_BOM)) text = decodeWith(bytes, 'utf-8', 3);
  else if (startsWith(bytes, [0xff, 0xfe])) text = decodeWith(bytes, 'utf-16le', 2);
  else if (startsWith(bytes, [0xfe, 0xff])) text = decodeWith(bytes, 'utf-16be', 2);
  else {
    const charset = kind === 'json' ? undefined : declaredHtmlCharset(bytes);
    if (charset === undefined || charset === 'utf-8' || charset === 'utf8') {
      // Node's native UTF-8 check is many times faster than a fatal TextDecoder; in UTF-8 the NUL
      // character is exactly the zero byte.
      if (!isUtf8(bytes)) throw new PostingRejected('BODY_ENCODING', 'body is not valid UTF-8 (undecodable byte sequence)');
      const utf8 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (utf8.includes(0)) throw new PostingRejected('BODY_ENCODING', NUL_MESSAGE);
      return { utf8 };
    }
    text = decodeWith(bytes, charset, 0);
  }
  if (text.includes('\u0000')) throw new PostingRejected('BODY_ENCODING', NUL_MESSAGE);
  return { text };
}

/** The whole text of a checked body. */
export function bodyText(body: CheckedBody): string {
  return body.text ?? body.utf8.toString('utf8');
}

/** Turns raw bytes into text, with the checks of checkBody. */
export function decodeBody(bytes: Uint8Array, kind: BodyKind | 'auto', maxBytes: number): string {
  return bodyText(checkBody(bytes, kind, maxBytes));
}
